/**
 * Hands bytes to the browser as a file download: the one place that does so
 * (plan and funder PDFs, funder CSV, calendar files, backups).
 *
 * Keep `fileName` free of people's names (see domain/file-names.ts): the
 * downloads list and the file system are readable by anyone with the device.
 */
export function downloadFile(bytes: BlobPart, type: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  // Some browsers only follow a click on a link that is in the document.
  document.body.append(link);
  link.click();
  link.remove();
  // The browser may still be reading the blob after click() returns (a large
  // backup takes a while): let it go a minute later, not at once.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
