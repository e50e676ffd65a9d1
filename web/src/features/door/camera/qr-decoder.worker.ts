import jsQR from 'jsqr';

/**
 * Decodes camera frames off the main thread, so the result panel and the buttons stay responsive
 * while jsQR searches a frame (tens of milliseconds on a phone). Linux Chromium has no
 * BarcodeDetector, so jsQR does it everywhere.
 */
export interface FrameRequest {
  pixels: Uint8ClampedArray<ArrayBuffer>;
  width: number;
  height: number;
}

export interface FrameAnswer {
  text: string | null;
}

self.addEventListener('message', (event: MessageEvent<FrameRequest>) => {
  const { pixels, width, height } = event.data;
  const found = jsQR(pixels, width, height, { inversionAttempts: 'dontInvert' });
  const answer: FrameAnswer = { text: found?.data || null };
  self.postMessage(answer);
});
