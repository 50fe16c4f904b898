import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scannerConfig } from '../../shared/ipc/scanner';
import { createScannerService } from '../../src-main/devices/scanner-service';
import { createEventHub } from '../../src-main/services/event-hub';
import { silentLogger } from '../../src-main/services/logger';
import { ptyPair } from '../integration/scanner-pty';
import { atMost, median, percentile, row } from './harness';
import type { BenchRow } from './harness';
import { fixedDeviceCatalog } from '../../src-main/devices/device-catalog';

const WARM_UP = 20;
const SAMPLES = 600;

/**
 * scan_serial_p99_ms: a scan line written into the socat pty (ttyB) until the scanner
 * service emits its `scanner.scan` event through the real event hub (the point where a
 * transport forwards it to the flow). One scan in flight at a time, like a cashier.
 */
export default async function scannerBench(): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'scanner-bench-'));
  const pty = ptyPair(join(dir, 'tty'));
  await pty.start();
  const hub = createEventHub(silentLogger);
  let waiting: ((data: string) => void) | null = null;
  let connected: (() => void) | null = null;
  hub.subscribe((event, payload) => {
    if (event === 'scanner.scan') waiting?.((payload as { data: string }).data);
    if (event === 'scanner.status' && (payload as { state: string }).state === 'connected')
      connected?.();
  });
  const isConnected = new Promise<void>((resolve) => (connected = resolve));
  const service = createScannerService({
    dataDir: join(dir, 'data'),
    events: hub,
    config: scannerConfig.parse({ ports: [{ path: pty.a, baudRate: 115200 }] }),
    devices: fixedDeviceCatalog([{ kind: 'serial', path: pty.a, label: 'socat pty' }]),
  });
  try {
    await isConnected;
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + SAMPLES; i++) {
      const code = `TKT-${String(i).padStart(6, '0')}-BENCH`;
      const arrived = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`scan ${i} did not arrive in 5 s`)), 5000);
        waiting = (data) => {
          clearTimeout(timer);
          resolve(data);
        };
      });
      const start = performance.now();
      await pty.write(`${code}\r\n`);
      const data = await arrived;
      const elapsed = performance.now() - start;
      if (data !== code) throw new Error(`expected ${code}, got ${data}`);
      if (i >= WARM_UP) samples.push(elapsed);
    }
    return [
      row(
        'scan_serial_p99_ms',
        percentile(samples, 99),
        'ms',
        atMost(10),
        `${SAMPLES} scans over a socat pty; median ${median(samples).toFixed(3)} ms, max ${Math.max(...samples).toFixed(3)} ms`,
      ),
    ];
  } finally {
    await service.close();
    await pty.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
