/** What RTF's control words mean to the reader (rtf.ts): skipped destinations, characters, code pages. */

/** Destinations whose content is not part of the body's text. */
export const SKIPPED = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'fldinst', 'datafield', 'header', 'headerl', 'headerr', 'headerf',
  'footer', 'footerl', 'footerr', 'footerf', 'footnote', 'annotation', 'atnid', 'atnauthor', 'atrfstart', 'atrfend', 'listtable',
  'listoverridetable', 'revtbl', 'rsidtbl', 'generator', 'xmlnstbl', 'themedata', 'colorschememapping', 'latentstyles', 'datastore',
  'pn', 'nonshppict', 'shprslt', 'sp', 'nonesttables', 'xe', 'tc', 'tcn', 'txe', 'template', 'userprops', 'docvar', 'ftnsep',
  'ftnsepc', 'ftncn', 'aftnsep', 'aftnsepc', 'aftncn', 'pgdsctbl', 'filetbl', 'bkmkstart', 'bkmkend', 'mmathPr', 'wgrffmtfilter',
  'passwordhash', 'listpicture', 'falt', 'panose', 'upr', 'formfield', 'do', 'blipuid', 'pgptbl', 'defchp', 'defpap', 'objdata',
]);
/** \* destinations that hold text the reader sees. */
export const KEPT_STARRED = new Set(['shptxt', 'ud', 'fldrslt', 'listtext', 'pntext', 'shpinst', 'shp', 'shppict', 'nesttableprops']);

/** Symbols and words that stand for one character. */
export const CHARACTERS = new Map(Object.entries({
  '~': '\u00a0', '_': '\u2011', '-': '\u00ad', '\\': '\\', '{': '{', '}': '}', tab: '\t', line: '\n', emdash: '—', endash: '–', bullet: '•',
  lquote: '‘', rquote: '’', ldblquote: '“', rdblquote: '”', emspace: ' ', enspace: ' ', qmspace: ' ',
}));

/** \fcharsetN → Windows code page (1 "default" and unknown ones take the document's). */
export const CHARSET_CODE_PAGE: Record<number, number> = {
  0: 1252, 2: 1252, 77: 10000, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258,
  177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250, 255: 850,
};
const DECODER_LABEL: Record<number, string> = {
  932: 'shift_jis', 936: 'gbk', 949: 'euc-kr', 950: 'big5', 10000: 'macintosh', 874: 'windows-874',
};
/** Code page 850 (DOS Latin-1, an RTF's \\pc/\\pca), bytes 0x80–0xFF: no TextDecoder knows it. */
const CP850_HIGH = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';
const cp850 = { decode: (bytes: Uint8Array): string => { let s = ''; for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : CP850_HIGH[b - 0x80]!; return s; } };

const decoders = new Map<number, { decode(bytes: Uint8Array): string }>();
export function decoder(codePage: number): { decode(bytes: Uint8Array): string } {
  if (codePage === 850) return cp850;
  let d = decoders.get(codePage);
  if (!d) {
    const label = DECODER_LABEL[codePage] ?? (codePage >= 1250 && codePage <= 1258 ? `windows-${codePage}` : 'windows-1252');
    try { d = new TextDecoder(label); } catch { d = new TextDecoder('windows-1252'); }
    decoders.set(codePage, d);
  }
  return d;
}

