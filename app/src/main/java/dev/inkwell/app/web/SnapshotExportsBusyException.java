package dev.inkwell.app.web;

/** Every snapshot export allowed at once is running ({@code inkwell.export.max-snapshots}): 503, retry later. */
class SnapshotExportsBusyException extends RuntimeException {

  SnapshotExportsBusyException(int max) {
    super("at most " + max + " snapshot export" + (max == 1 ? "" : "s") + " run at once; retry shortly, or export"
        + " without snapshot=true");
  }
}
