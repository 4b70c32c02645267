import { createHash } from 'node:crypto';
import type { Database } from './db/open';
import { evidence, evidenceFiles, type EntryKind } from './db/schema';

/** Stores a file's bytes once per content hash and records the evidence metadata pointing at them. */
export async function storeEvidenceFile(
  db: Database,
  file: {
    cycleId: number;
    unitId: number;
    entryKind: EntryKind;
    entryId: string;
    title: string;
    fileName: string;
    mediaType: string;
    content: Uint8Array;
    uploadedBy: number | null;
  },
): Promise<number> {
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  await db
    .insert(evidenceFiles)
    .values({ sha256, mediaType: file.mediaType, sizeBytes: file.content.byteLength, content: file.content })
    .onConflictDoNothing();
  const [row] = await db
    .insert(evidence)
    .values({
      cycleId: file.cycleId,
      unitId: file.unitId,
      entryKind: file.entryKind,
      entryId: file.entryId,
      kind: 'file',
      title: file.title,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.content.byteLength,
      sha256,
      storageKey: sha256,
      uploadedBy: file.uploadedBy,
    })
    .returning({ id: evidence.id });
  if (!row) throw new Error('evidence not inserted');
  return row.id;
}
