import type { FrameAnswer, FrameRequest } from './qr-decoder.worker';

/** Why the camera could not start; each has a sentence in the door's messages. */
export type CameraProblem = 'INSECURE' | 'DENIED' | 'NO_CAMERA' | 'BUSY' | 'FAILED';

/** Frames are searched at most this often: enough to feel instant, little enough for a phone's battery. */
const FRAME_INTERVAL_MS = 150;
/** jsQR's time grows with the pixels; a QR code held up to a phone fills much of a 640-pixel frame. */
const MAX_SIDE = 640;

export async function openCamera(): Promise<MediaStream> {
  if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) throw problem('INSECURE');
  try {
    // The rear camera where there is one: the door points the phone at the ticket.
    return await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    if (name === 'NotAllowedError' || name === 'SecurityError') throw problem('DENIED');
    if (name === 'NotFoundError' || name === 'OverconstrainedError') throw problem('NO_CAMERA');
    if (name === 'NotReadableError' || name === 'AbortError') throw problem('BUSY');
    throw problem('FAILED');
  }
}

export function cameraProblemOf(error: unknown): CameraProblem {
  return error instanceof CameraError ? error.problem : 'FAILED';
}

class CameraError extends Error {
  constructor(readonly problem: CameraProblem) {
    super(`Camera: ${problem}`);
  }
}
const problem = (kind: CameraProblem) => new CameraError(kind);

/**
 * Reads QR codes from a playing video: a frame every 150 ms, scaled down, decoded by jsQR in a
 * worker, one frame in flight at a time. `onText` gets each decoded text.
 */
export function scanVideo(video: HTMLVideoElement, onText: (text: string) => void): () => void {
  const worker = new Worker(new URL('./qr-decoder.worker.ts', import.meta.url), { type: 'module' });
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let busy = false;
  let stopped = false;

  worker.addEventListener('message', (event: MessageEvent<FrameAnswer>) => {
    busy = false;
    if (!stopped && event.data.text) onText(event.data.text);
  });

  const timer = setInterval(() => {
    if (busy || !context || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return;
    const scale = Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    const width = Math.round(video.videoWidth * scale);
    const height = Math.round(video.videoHeight * scale);
    canvas.width = width;
    canvas.height = height;
    context.drawImage(video, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height).data;
    busy = true;
    const request: FrameRequest = { pixels, width, height };
    worker.postMessage(request, [pixels.buffer]);
  }, FRAME_INTERVAL_MS);

  return () => {
    stopped = true;
    clearInterval(timer);
    worker.terminate();
  };
}
