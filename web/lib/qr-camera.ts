import { useEffect, useRef, type RefObject } from 'react';

/** The browser's barcode reader (Chromium on Android and desktop; not in every browser, so optional). */
type BarcodeReaderClass = new (options: { formats: string[] }) => {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
};
const BarcodeDetector = (globalThis as { BarcodeDetector?: BarcodeReaderClass }).BarcodeDetector;

/** Whether this browser can read a QR code from the camera (offer the camera only then). */
export const canReadQr = BarcodeDetector !== undefined;

/**
 * While `active`, plays the back camera into `video` and reads it a few times a second until a QR
 * code is found (`onRead`, with its text; it may be called again until the caller stops it).
 * `onFail` when the camera cannot be opened (refused, absent). The camera stops when `active`
 * turns false or the caller unmounts. Used by the console's card check and the H5's transfer.
 */
export function useQrCamera(
  active: boolean,
  video: RefObject<HTMLVideoElement | null>,
  onRead: (value: string) => void,
  onFail: () => void,
): void {
  // The callbacks change on every render; the camera must not restart with them.
  const read = useRef(onRead);
  read.current = onRead;
  const fail = useRef(onFail);
  fail.current = onFail;
  useEffect(() => {
    if (!active || !BarcodeDetector) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const detector = new BarcodeDetector({ formats: ['qr_code'] });
    void navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        // Stopped while the browser was asking: the cleanup has run already, so stop the camera here.
        if (stopped) s.getTracks().forEach((track) => track.stop());
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        timer = setInterval(() => {
          if (!video.current) return;
          void detector.detect(video.current).then((codes) => {
            const value = codes[0]?.rawValue;
            if (value && !stopped) read.current(value);
          });
        }, 300);
      })
      .catch(() => fail.current());
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [active, video]);
}
