// Row types of the tables platform/files owns (composed into the Database interface in db/types.ts).

/** Metadata of an attachment; the bytes live in file_blobs so lists never read them. */
export interface FileTable {
  tenant_id: string;
  id: string;
  /** What the file belongs to, e.g. owner_kind 'info' and the entry's id; the owning module checks access. */
  owner_kind: string;
  owner_id: string;
  /** Cleaned name as shown and downloaded (extension agrees with the content). */
  name: string;
  /** Detected from the content, never taken from the client. */
  mime: string;
  size: number;
  sha256: string;
  created_by: string | null;
  created_at: string;
  deleted_at: string | null;
}

export interface FileBlobTable {
  tenant_id: string;
  file_id: string;
  /** blob on SQLite, bytea on PostgreSQL; both drivers read a Buffer. */
  data: Buffer;
}

/**
 * The bytes of a large file (a video) in pieces of FILE_CHUNK_BYTES, numbered from 0: an upload is stored without
 * holding it in memory, and a range request reads only the pieces it covers. Such a file has no file_blobs row.
 */
export interface FileChunkTable {
  tenant_id: string;
  file_id: string;
  seq: number;
  data: Buffer;
}

export interface FileTables {
  files: FileTable;
  file_blobs: FileBlobTable;
  file_chunks: FileChunkTable;
}
