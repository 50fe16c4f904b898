import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * The cash-collection code as a QR code the box office's scanner reads from the customer's
 * phone (issue 14 item 3): drawn as one SVG path from the code's modules — no image, no
 * script-built HTML. Error correction M: a phone screen with a crack or glare still scans.
 */
export function CashCodeQr({ code, label }: { readonly code: string; readonly label: string }) {
  const { size, path } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(code, 'Byte');
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++)
        if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { size: n + 8, path: d };
  }, [code]);
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      className="rr-cash-qr"
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
