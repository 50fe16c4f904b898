// Sandboxed preload (bundled to CommonJS by scripts/build.mjs: a sandboxed preload cannot be
// ESM and may only require 'electron'). Exposes exactly the contract as window.boxOffice.
import { contextBridge, ipcRenderer } from 'electron';
import type { BoxOfficeBridgeApi } from '../../shared/ipc/bridge-api';
import { createPreloadApi } from './preload-api';

const api = createPreloadApi(ipcRenderer) satisfies BoxOfficeBridgeApi;

contextBridge.exposeInMainWorld('boxOffice', api);
