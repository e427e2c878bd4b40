/**
 * What every PDF Aplis makes has in common: an A4 page in millimetres, the
 * embedded font, and metadata that carries the title and nothing else.
 *
 * jsPDF (≈ 130 KB gzip) loads here, only when a PDF is asked for; this module
 * is itself reached only through a dynamic import. The font (Noto Sans, OFL,
 * shipped in public/fonts and precached by the service worker) is embedded so
 * every letter is real, searchable text — ā č ē ģ ī ķ ļ ņ š ū ž and Cyrillic
 * copy out exactly as typed.
 */
import type { jsPDF } from 'jspdf';

/** The font files as base64, the form jsPDF's virtual file system takes. */
export interface PdfFonts {
  regular: string;
  bold: string;
}

export const PDF_FONT_URLS = {
  regular: '/fonts/NotoSans-Regular.ttf',
  bold: '/fonts/NotoSans-Bold.ttf',
} as const;

function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk)
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** Fetches the font from the app's own origin (the service worker's cache when offline). */
export async function loadPdfFonts(fetchFn: typeof fetch = fetch): Promise<PdfFonts> {
  const get = async (url: string) => {
    const response = await fetchFn(url);
    if (!response.ok) throw new Error(`font ${url}: ${response.status}`);
    return toBase64(await response.arrayBuffer());
  };
  const [regular, bold] = await Promise.all([get(PDF_FONT_URLS.regular), get(PDF_FONT_URLS.bold)]);
  return { regular, bold };
}

let fontsOnce: Promise<PdfFonts> | undefined;

/** The font is the same for every PDF: fetched once per page load (tried again after a failure). */
export function sharedPdfFonts(): Promise<PdfFonts> {
  fontsOnce ??= loadPdfFonts().catch((error: unknown) => {
    fontsOnce = undefined;
    throw error;
  });
  return fontsOnce;
}

export const PAGE = { width: 210, height: 297, margin: 18 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const FONT = 'NotoSans';
const PT = 0.3528; // mm per point
/** Height in mm of one line of text at `size` points. */
export const lineHeight = (size: number) => size * PT * 1.4;

/**
 * A new A4 document with the font embedded as `FONT` (normal and bold), the
 * title in its properties (nothing about who made it) and its language tag.
 */
export async function createPdfDocument(options: {
  title: string;
  language: string;
  fonts: PdfFonts;
}): Promise<jsPDF> {
  const { jsPDF } = await import('jspdf');
  const doc = new jsPDF({ unit: 'mm', format: 'a4', compress: true });
  doc.addFileToVFS('NotoSans-Regular.ttf', options.fonts.regular);
  doc.addFileToVFS('NotoSans-Bold.ttf', options.fonts.bold);
  doc.addFont('NotoSans-Regular.ttf', FONT, 'normal');
  doc.addFont('NotoSans-Bold.ttf', FONT, 'bold');
  doc.setProperties({
    title: options.title,
    subject: '',
    author: '',
    keywords: '',
    creator: 'Aplis',
  });
  try {
    doc.setLanguage(options.language as Parameters<typeof doc.setLanguage>[0]);
  } catch {
    // An unlisted language only loses the PDF's language tag.
  }
  return doc;
}

/** The finished file. */
export function pdfBytes(doc: jsPDF): Uint8Array<ArrayBuffer> {
  return new Uint8Array(doc.output('arraybuffer'));
}
