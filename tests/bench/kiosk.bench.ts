import { startKioskRig, type KioskRig } from '../e2e/kiosk-rig';
import type { BenchRow } from './harness';
import { atMost, row } from './harness';

/**
 * kiosk_buy_2_ga_taps: the taps a customer needs, from the kiosk's attract screen, to have 2
 * standing tickets paid by card and printed — the real kiosk (production bundle, main
 * launched as a kiosk behind the device bridge) in Chromium at 1080×1920 portrait, main's
 * card terminal simulator approving on loopback and a virtual ESC/POS printer. Every touch
 * goes through the page model's `tap`; the card at the terminal is not a screen tap. The count
 * stops when the receipt with the tickets is on paper (the printer has the job).
 */
export default async function bench(): Promise<BenchRow[]> {
  let rig: KioskRig | undefined;
  try {
    rig = await startKioskRig('bench-kiosk', { width: 1080, height: 1920 });
    const { kiosk, vp } = rig;
    await kiosk.open(rig.stack.pageUrl);
    const jobsBefore = (await vp.jobs()).length;
    kiosk.taps = 0;
    const log: string[] = [];
    const tapped = (what: string) => log.push(what);
    await kiosk.buy();
    tapped('Buy tickets');
    await kiosk.pickPerformance(/^Dnipro Lights/);
    tapped('performance');
    await kiosk.more('Standing', 2);
    tapped('+');
    tapped('+');
    const pay = kiosk.payButton();
    await pay.waitFor();
    await kiosk.tap(pay);
    tapped('Pay by card');
    await kiosk.heading(/Thank you/).waitFor({ timeout: 60_000 });
    const deadline = Date.now() + 30_000;
    while ((await vp.jobs()).length <= jobsBefore) {
      if (Date.now() > deadline) throw new Error('nothing printed within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    return [
      row(
        'kiosk_buy_2_ga_taps',
        kiosk.taps,
        'taps',
        atMost(7),
        `${log.join(' → ')} (portrait 1080×1920; card approved by main's simulator; receipt with tickets printed)`,
      ),
    ];
  } finally {
    await rig?.close();
  }
}
