import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { BulletinDraft } from './draft';

// The bulletin draft as a Word document (A4, 仿宋 body, 黑体 headings) for the office to edit and sign.

const body = (text: string) =>
  new Paragraph({
    children: [new TextRun({ text, font: 'FangSong', size: 32 })],
    indent: { firstLine: 640 },
    spacing: { line: 560 },
  });

const heading = (text: string) =>
  new Paragraph({
    children: [new TextRun({ text, font: 'SimHei', size: 32 })],
    spacing: { before: 200, line: 560 },
  });

function annexTable(columns: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 21 })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: columns.map((column) => cell(column, true)) }),
      ...rows.map((row) => new TableRow({ children: row.map((value) => cell(value)) })),
    ],
  });
}

export async function bulletinDocx(draft: BulletinDraft): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ text: draft.title, font: 'SimSun', size: 40, bold: true })],
      spacing: { after: 400 },
    }),
  ];
  for (const section of draft.sections) {
    children.push(heading(section.heading), ...section.paragraphs.map(body));
  }
  children.push(body(draft.roundingNote));
  if (draft.annexes.length) {
    children.push(body(`附件：${draft.annexes.map((annex, i) => `${i + 1}. ${annex.title}`).join('；')}`));
  }
  children.push(
    new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({ text: draft.office, size: 32 })],
    }),
  );
  draft.annexes.forEach((annex, i) => {
    children.push(
      new Paragraph({ children: [new PageBreak()] }),
      heading(`附件${i + 1}`),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: annex.title, font: 'SimHei', size: 32 })],
        spacing: { after: 200 },
      }),
      annexTable(annex.columns, annex.rows),
    );
  });
  const document = new Document({
    creator: 'Kaohe',
    title: draft.title,
    sections: [
      {
        // A4 portrait in twips, with the margins of official documents (GB/T 9704: 37 mm top, 28 mm left)
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}
