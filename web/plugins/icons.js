// The site's icons, drawn at build time: a bell curve (a normalized distribution) in white on the
// course's blue, as SVG (the favicon) and as the PNG sizes a web app manifest needs to make the site
// installable. Drawn here in plain code (PNG = zlib + CRC), so no binary file is committed.
import zlib from 'node:zlib';

const BLUE = [0x0b, 0x5c, 0xad];
const WHITE = [0xff, 0xff, 0xff];

// the curve in a unit square: y = 0.78 - 0.5 exp(-((x - 0.5) / 0.13)^2 / 2), x in [0.14, 0.86]
const X0 = 0.14;
const X1 = 0.86;
const curve = (x) => 0.78 - 0.5 * Math.exp(-(((x - 0.5) / 0.13) ** 2) / 2);
const slope = (x) => ((0.5 * (x - 0.5)) / 0.13 ** 2) * -Math.exp(-(((x - 0.5) / 0.13) ** 2) / 2);

export function iconSvg() {
  const pts = [];
  for (let i = 0; i <= 48; i++) {
    const x = X0 + ((X1 - X0) * i) / 48;
    pts.push(`${(x * 64).toFixed(2)},${(curve(x) * 64).toFixed(2)}`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="12" fill="#0b5cad"/><polyline points="${pts.join(' ')}" fill="none" stroke="#fff" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/></svg>\n`;
}

// Coverage of the white stroke at (x, y) in unit coordinates: distance to the curve below half
// the stroke width (distance ~ vertical gap / sqrt(1 + slope^2), exact enough for a gentle curve).
function onStroke(x, y, half) {
  const cx = Math.min(X1, Math.max(X0, x));
  const d = Math.abs(y - curve(cx)) / Math.sqrt(1 + slope(cx) ** 2);
  return Math.hypot(x - cx, cx === x ? d : y - curve(cx)) <= half;
}

// An RGBA PNG of the icon, size x size pixels. maskable: the blue fills the square (the platform
// cuts its own shape) and the curve sits in the central safe zone.
export function iconPng(size, { maskable = false } = {}) {
  const SS = 4; // supersampling per axis
  const radius = maskable ? 0 : 12 / 64;
  const scale = maskable ? 0.7 : 1; // shrink the drawing into the safe zone
  const half = 2.5 / 64;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const u = (px + (sx + 0.5) / SS) / size;
          const v = (py + (sy + 0.5) / SS) / size;
          const cu = Math.min(Math.max(u, radius), 1 - radius);
          const cv = Math.min(Math.max(v, radius), 1 - radius);
          if (Math.hypot(u - cu, v - cv) > radius) continue;
          bg++;
          if (onStroke((u - 0.5) / scale + 0.5, (v - 0.5) / scale + 0.5, half)) fg++;
        }
      }
      const n = SS * SS;
      const o = 1 + px * 4;
      for (let c = 0; c < 3; c++) row[o + c] = bg ? Math.round((BLUE[c] * (bg - fg) + WHITE[c] * fg) / bg) : 0;
      row[o + 3] = Math.round((255 * bg) / n);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** The icon files, by name under icons/, as the manifest lists them. */
export const ICONS = [
  { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
  { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
  { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
  { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
];

// Emits the icon files into the build (before the service worker's precache list is made).
export function iconsPlugin() {
  let isPageBuild = false;
  return {
    name: 'normlab-icons',
    apply: 'build',
    // the favicon and the theme colour in the page (relative URLs, as everything of the site)
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(
          '<link rel="icon" href="data:," />',
          '<link rel="icon" href="./icons/icon.svg" type="image/svg+xml" />\n' +
            '    <link rel="apple-touch-icon" href="./icons/icon-192.png" />\n' +
            '    <meta name="theme-color" content="#0b5cad" />',
        ),
    },
    generateBundle(_options, bundle) {
      // Vite also bundles the worker with these plugins; emit once, for the page
      isPageBuild = Object.values(bundle).some(
        (c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId?.endsWith('.html'),
      );
      if (!isPageBuild) return;
      const emit = (fileName, source) => this.emitFile({ type: 'asset', fileName, source });
      emit('icons/icon.svg', iconSvg());
      emit('icons/icon-192.png', iconPng(192));
      emit('icons/icon-512.png', iconPng(512));
      emit('icons/icon-maskable-512.png', iconPng(512, { maskable: true }));
    },
  };
}
