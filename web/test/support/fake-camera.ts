import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import QRCode from 'qrcode';
import { CHROMIUM_PATH, DEVICES, type PageOptions } from './web-app';

const WIDTH = 640;
const HEIGHT = 480;
/** The QR code's quiet zone, in modules: scanners need it to find the code. */
const QUIET_ZONE = 4;
/** Chromium loops the file: a few identical frames make a steady picture. */
const FRAMES = 5;

/**
 * A YUV4MPEG2 video of one QR code, for Chromium's fake camera (`--use-file-for-fake-video-capture`):
 * the header, then frames of 4:2:0 planes, the code drawn in the luma plane (black modules on
 * white) and neutral chroma.
 */
export function qrCodeVideo(text: string): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = modules.size + 2 * QUIET_ZONE;
  const scale = Math.floor((HEIGHT - 16) / side);
  const left = Math.floor((WIDTH - side * scale) / 2);
  const top = Math.floor((HEIGHT - side * scale) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235); // white (video range)
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (!modules.get(row, col)) continue;
      const y0 = top + (row + QUIET_ZONE) * scale;
      const x0 = left + (col + QUIET_ZONE) * scale;
      for (let y = y0; y < y0 + scale; y += 1) luma.fill(16, y * WIDTH + x0, y * WIDTH + x0 + scale); // black
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]);
}

export interface CameraBrowser {
  browser: Browser;
  /** A page in a fresh context (a separate device) allowed to use the camera, relative to `baseUrl`. */
  newPage(options?: PageOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A Chromium whose camera shows `qrText` as a QR code. The harness's browser has no camera, and the
 * fake camera's picture is fixed per launch, so each QR code the door must read gets its own launch.
 */
export async function launchWithCamera(baseUrl: string, qrText: string): Promise<CameraBrowser> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sbor-door-camera-'));
  const video = path.join(dir, 'ticket.y4m');
  writeFileSync(video, qrCodeVideo(qrText));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  return {
    browser,
    async newPage({ device = 'desktop', locale = 'en' } = {}) {
      const context = await browser.newContext({ ...DEVICES[device], locale, baseURL: baseUrl, permissions: ['camera'] });
      return context.newPage();
    },
    async close() {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
