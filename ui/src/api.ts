// Typed calls to the app's Rust commands. Every type here is generated from
// Rust (src/generated); errors arrive as AppError {kind, message}.
import { Channel, invoke } from "@tauri-apps/api/core";
import type { Added } from "./generated/Added";
import type { AppError } from "./generated/AppError";
import type { Comparison } from "./generated/Comparison";
import type { Draft } from "./generated/Draft";
import type { EditCheck } from "./generated/EditCheck";
import type { ExportKind } from "./generated/ExportKind";
import type { ExportOption } from "./generated/ExportOption";
import type { FetchProgressEvent } from "./generated/FetchProgressEvent";
import type { Metadata } from "./generated/Metadata";
import type { ProgressEvent } from "./generated/ProgressEvent";
import type { RecentFile } from "./generated/RecentFile";
import type { Session } from "./generated/Session";

/** Whatever a command threw, as an AppError. */
export function asError(e: unknown): AppError {
  if (e && typeof e === "object" && "kind" in e && "message" in e) return e as AppError;
  return { kind: "internal", message: String(e) };
}

export const api = {
  current: () => invoke<Session>("current"),
  listReports: () => invoke<Draft[]>("list_reports"),
  addFiles: (paths: string[]) => invoke<Added>("add_files", { paths }),
  addPasted: (label: string, text: string, meta: Metadata) => invoke<Draft[]>("add_pasted", { label, text, meta }),
  /** Rust fetches the pages (never the webview); progress arrives per URL. */
  addUrls: (urls: string[], onProgress: (p: FetchProgressEvent) => void) => {
    const ch = new Channel<FetchProgressEvent>();
    ch.onmessage = onProgress;
    return invoke<Added>("add_urls", { urls, onProgress: ch });
  },
  checkEdits: (document: string) => invoke<EditCheck>("check_edits", { document }),
  updateMeta: (key: string, meta: Metadata) => invoke<Draft>("update_meta", { key, meta }),
  removeReport: (key: string) => invoke<Draft[]>("remove_report", { key }),
  clearReports: () => invoke<void>("clear_reports"),
  loadExample: () => invoke<Draft[]>("load_example"),
  compare: (onProgress: (p: ProgressEvent) => void) => {
    const ch = new Channel<ProgressEvent>();
    ch.onmessage = onProgress;
    return invoke<Comparison>("compare", { onProgress: ch });
  },
  cancelCompare: () => invoke<void>("cancel_compare"),
  save: (path: string) => invoke<string>("save_comparison", { path }),
  exportFormats: () => invoke<ExportOption[]>("export_formats"),
  /** Rust renders and writes the file (atomically); returns the path written. */
  exportTo: (path: string, kind: ExportKind) => invoke<string>("export_comparison", { path, kind }),
  open: (path: string) => invoke<Session>("open_comparison", { path }),
  recentFiles: () => invoke<RecentFile[]>("recent_files"),
  confirmClose: () => invoke<void>("confirm_close"),
  logTiming: (name: string, ms: number) => invoke<number>("log_timing", { name, ms }),
};
