export class ImportError extends Error {
  override name = "ImportError";
}

/** The file as a whole cannot be imported: unreadable, empty, bad header or malformed CSV. */
export class ImportFileError extends ImportError {
  override name = "ImportFileError";
}

/** importArrears was called with unusable options. */
export class ImportOptionsError extends ImportError {
  override name = "ImportOptionsError";
}
