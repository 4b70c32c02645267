import { translator, type Lang } from '../i18n';

// Evidence uploads: the type comes from the bytes, never from the name or the browser's declared type. A file whose
// content is not one of the accepted formats, or whose name claims another format than its content, is refused.

/** 20 MiB: the limit for one evidence file. */
export const maxUploadBytes = 20 * 1024 * 1024;

export type SniffedKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'ole';

export interface SniffedType {
  kind: SniffedKind;
  mediaType: string;
  /** the file-name extensions a file of this content may carry */
  extensions: readonly string[];
  /** what to call it in a message (from i18n.ts) */
  label: { zh: string; en: string };
}

const typeLabel = (kind: SniffedKind) => ({
  zh: translator('zh')(`upload.type.${kind}`),
  en: translator('en')(`upload.type.${kind}`),
});

const types: Record<SniffedKind, SniffedType> = {
  pdf: {
    kind: 'pdf',
    mediaType: 'application/pdf',
    extensions: ['pdf'],
    label: typeLabel('pdf'),
  },
  png: {
    kind: 'png',
    mediaType: 'image/png',
    extensions: ['png'],
    label: typeLabel('png'),
  },
  jpeg: {
    kind: 'jpeg',
    mediaType: 'image/jpeg',
    extensions: ['jpg', 'jpeg'],
    label: typeLabel('jpeg'),
  },
  gif: {
    kind: 'gif',
    mediaType: 'image/gif',
    extensions: ['gif'],
    label: typeLabel('gif'),
  },
  webp: {
    kind: 'webp',
    mediaType: 'image/webp',
    extensions: ['webp'],
    label: typeLabel('webp'),
  },
  docx: {
    kind: 'docx',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: typeLabel('docx'),
  },
  xlsx: {
    kind: 'xlsx',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: typeLabel('xlsx'),
  },
  pptx: {
    kind: 'pptx',
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    label: typeLabel('pptx'),
  },
  ole: {
    kind: 'ole',
    mediaType: 'application/x-ole-storage',
    extensions: ['doc', 'xls', 'ppt'],
    label: typeLabel('ole'),
  },
};

/** The legacy Office formats share one container (OLE compound file); the stream names tell them apart. */
const oleTypes: { extension: string; mediaType: string; stream: string }[] = [
  { extension: 'doc', mediaType: 'application/msword', stream: 'WordDocument' },
  { extension: 'xls', mediaType: 'application/vnd.ms-excel', stream: 'Workbook' },
  { extension: 'xls', mediaType: 'application/vnd.ms-excel', stream: 'Book' },
  { extension: 'ppt', mediaType: 'application/vnd.ms-powerpoint', stream: 'PowerPoint Document' },
];

export const acceptedExtensions = Object.values(types).flatMap((type) => type.extensions);

/** For <input accept>: a hint to the browser only; the server decides from the bytes. */
export const acceptAttribute = acceptedExtensions.map((extension) => `.${extension}`).join(',');

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((char) => char.charCodeAt(0));
}

function indexOf(bytes: Uint8Array, needle: readonly number[], from = 0, to = bytes.length): number {
  const last = Math.min(to, bytes.length) - needle.length;
  outer: for (let index = from; index <= last; index++) {
    for (let offset = 0; offset < needle.length; offset++)
      if (bytes[index + offset] !== needle[offset]) continue outer;
    return index;
  }
  return -1;
}

function utf16le(text: string): number[] {
  return [...text].flatMap((char) => [char.charCodeAt(0) & 0xff, char.charCodeAt(0) >> 8]);
}

/** The names of the entries of a zip archive, read from its central directory (not from the local headers). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // end of central directory: signature PK\x05\x06, within the last 64 KiB + 22 bytes
  const eocd = [0x50, 0x4b, 0x05, 0x06];
  let end = -1;
  for (let index = bytes.length - 22; index >= Math.max(0, bytes.length - 65_557); index--) {
    if (startsWith(bytes, eocd, index)) {
      end = index;
      break;
    }
  }
  if (end < 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  const names: string[] = [];
  const decoder = new TextDecoder();
  for (let entry = 0; entry < entries; entry++) {
    if (offset + 46 > bytes.length || !startsWith(bytes, [0x50, 0x4b, 0x01, 0x02], offset)) return null;
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** What the bytes are, or null when they are none of the accepted formats. */
export function sniff(bytes: Uint8Array): { type: SniffedType; mediaType: string } | null {
  const found = (kind: SniffedKind, mediaType = types[kind].mediaType) => ({ type: types[kind], mediaType });
  if (startsWith(bytes, ascii('%PDF-'))) {
    // a real PDF ends with %%EOF (possibly followed by whitespace); a header glued onto something else does not
    if (indexOf(bytes, ascii('%%EOF'), Math.max(0, bytes.length - 1024)) < 0) return null;
    return found('pdf');
  }
  if (
    startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) &&
    startsWith(bytes, ascii('IHDR'), 12)
  )
    return found('png');
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return found('jpeg');
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return found('gif');
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return found('webp');
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    // an Office Open XML package is a zip with [Content_Types].xml and its main part; any other zip is refused
    if (!names || !names.includes('[Content_Types].xml')) return null;
    if (names.some((name) => name.startsWith('word/'))) return found('docx');
    if (names.some((name) => name.startsWith('xl/'))) return found('xlsx');
    if (names.some((name) => name.startsWith('ppt/'))) return found('pptx');
    return null;
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // directory entries hold UTF-16LE stream names; an .msi or another compound file has none of these
    const ole = oleTypes.find((candidate) => indexOf(bytes, utf16le(candidate.stream)) >= 0);
    return ole ? found('ole', ole.mediaType) : null;
  }
  return null;
}

export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

export type UploadProblem =
  | { code: 'empty' }
  | { code: 'tooLarge'; sizeBytes: number }
  | { code: 'unknownType'; extension: string }
  | { code: 'mismatch'; extension: string; actual: SniffedType };

export type CheckedUpload =
  | { ok: true; mediaType: string; type: SniffedType; fileName: string; content: Uint8Array }
  | { ok: false; problem: UploadProblem };

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters, ≤ 200 chars. */
export function cleanFileName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}"]/gu, '').trim();
  return (base || 'evidence').slice(-200);
}

/** Checks one uploaded file from its bytes; the browser's type is ignored. */
export async function checkUpload(file: File): Promise<CheckedUpload> {
  if (file.size === 0) return { ok: false, problem: { code: 'empty' } };
  if (file.size > maxUploadBytes) return { ok: false, problem: { code: 'tooLarge', sizeBytes: file.size } };
  const content = new Uint8Array(await file.arrayBuffer());
  return checkBytes(file.name, content);
}

export function checkBytes(fileName: string, content: Uint8Array): CheckedUpload {
  if (content.byteLength === 0) return { ok: false, problem: { code: 'empty' } };
  if (content.byteLength > maxUploadBytes)
    return { ok: false, problem: { code: 'tooLarge', sizeBytes: content.byteLength } };
  const name = cleanFileName(fileName);
  const extension = extensionOf(name);
  const sniffed = sniff(content);
  if (!sniffed) return { ok: false, problem: { code: 'unknownType', extension } };
  const ole = oleTypes.find((candidate) => candidate.mediaType === sniffed.mediaType);
  const allowed = ole ? [ole.extension] : sniffed.type.extensions;
  if (!allowed.includes(extension))
    return { ok: false, problem: { code: 'mismatch', extension, actual: sniffed.type } };
  return { ok: true, mediaType: sniffed.mediaType, type: sniffed.type, fileName: name, content };
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** The message shown next to the file field. */
export function uploadProblemMessage(problem: UploadProblem, lang: Lang): string {
  const t = translator(lang);
  switch (problem.code) {
    case 'empty':
      return t('upload.empty');
    case 'tooLarge':
      return t('upload.tooLarge', { size: megabytes(problem.sizeBytes) });
    case 'unknownType':
      return t('upload.unknownType');
    case 'mismatch':
      return t('upload.mismatch', {
        actual: problem.actual.label[lang],
        extension: problem.extension || t('upload.noExtension'),
      });
  }
}
