import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/**
 * A QR code drawn as one SVG path (crisp at any size, printable), with its text given to screen
 * readers by `label`. Alphanumeric mode and level M: a 12-character code fits in the smallest
 * symbol, which cheap door scanners read from a phone screen at arm's length.
 */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const { path, modules } = useMemo(() => {
    const code = qrcode(0, 'M');
    code.addData(text, /^[0-9A-Z $%*+\-./:]*$/.test(text) ? 'Alphanumeric' : 'Byte');
    code.make();
    const count = code.getModuleCount();
    const parts: string[] = [];
    for (let row = 0; row < count; row += 1) {
      for (let column = 0; column < count; column += 1) if (code.isDark(row, column)) parts.push(`M${column + 4} ${row + 4}h1v1h-1z`);
    }
    // Four modules of quiet zone on each side, as the standard asks.
    return { path: parts.join(''), modules: count + 8 };
  }, [text]);
  return (
    <svg className="qr-code" role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} shapeRendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
