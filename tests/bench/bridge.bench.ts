import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContractClient } from '../../shared/ipc/client';
import { startBridgeHost } from '../../src-main/bridge/bridge-host';
import { silentLogger } from '../../src-main/services/logger';
import { connectBridgeTransport } from '../../src-renderer/transport/bridge-transport';
import { wsFactory } from '../support/bridge-client';
import { median, opsPerSecond, percentile, row, type BenchRow } from './harness';

// Contract call cost: the dispatcher alone, and a full round trip through the device bridge
// (JSON over a loopback WebSocket, both sides validating). No targets are set in the issues;
// these are figures to watch.
export default async function bench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'box-bench-bridge-'));
  const host = await startBridgeHost({
    dataDir: dir,
    version: '0.0.0',
    rendererOrigin: 'http://127.0.0.1:1',
    logger: silentLogger,
  });
  try {
    const ctx = { transport: 'bridge', caller: 'bench' } as const;
    const dispatchOps = await opsPerSecond(() => host.services.dispatch('config.get', {}, ctx));

    const transport = await connectBridgeTransport(
      { url: host.bridge.url, secret: host.bridge.secret },
      wsFactory('http://127.0.0.1:1'),
    );
    const client = createContractClient(transport);
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) await client.call('config.get', {});
    for (let i = 0; i < 2000; i++) {
      const t0 = performance.now();
      await client.call('config.get', {});
      samples.push(performance.now() - t0);
    }
    transport.close();
    return [
      row(
        'ipc_dispatch_per_s',
        dispatchOps,
        'ops/s',
        undefined,
        'config.get: validate args + handler + validate reply',
      ),
      row(
        'bridge_roundtrip_p50_ms',
        median(samples),
        'ms',
        undefined,
        'config.get, 2000 sequential calls, loopback ws, client and bridge in one process',
      ),
      row(
        'bridge_roundtrip_p99_ms',
        percentile(samples, 99),
        'ms',
        undefined,
        'config.get, 2000 sequential calls, loopback ws, client and bridge in one process',
      ),
    ];
  } finally {
    await host.close();
    await rm(dir, { recursive: true, force: true });
  }
}
