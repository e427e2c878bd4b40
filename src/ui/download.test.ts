import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadFile } from './download';

describe('downloadFile', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('saves the bytes under the given name and type, and frees the blob later', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:test/1';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: { href: string; download: string; inDocument: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push({ href: this.href, download: this.download, inDocument: this.isConnected });
    });

    downloadFile(new Uint8Array([1, 2, 3]), 'application/pdf', 'aplis-plan.pdf');

    expect(clicked).toEqual([
      { href: 'blob:test/1', download: 'aplis-plan.pdf', inDocument: true },
    ]);
    expect(blobs[0]!.type).toBe('application/pdf');
    expect(new Uint8Array(await blobs[0]!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    // The link does not stay in the page.
    expect(document.querySelector('a[download]')).toBeNull();
    // Not revoked while the browser may still be reading it…
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    // …but not kept for the life of the page either.
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });
});
