// The shell's commands (src-tauri/src/commands.rs), typed. Each rejects with a UiError.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Doc } from './till';
import type { Conflict, Registration, SyncStatus } from './sync';
import type { BackupStatus } from './backup';
import type { AuditEntry, VerifyReport } from './audit';
import type { Discovered, PrintReport, Station } from './devices';

export interface Session {
  shop: string;
  currency: string;
  user: string;
  role: string;
  locale: string;
  /** What this person may do (`sell`, `invoice`, `retail-return`, ...). */
  actions: string[];
}

/** A product behind a code, with its stock in the one pool (README: "`stock --json`"). */
export interface StockView {
  sku: string;
  name: string;
  base_unit: string;
  scanned_unit: string;
  units: { unit: string; factor_to_base: number }[];
  on_hand: number;
  on_hand_mixed: string;
  reserve: number;
  available_retail: number | null;
  available_wholesale: number | null;
  reserved_for_wholesale: boolean;
  /** Base units held for open wholesale orders: neither the till nor another buyer may take them. */
  reserved_by_orders: number;
  allow_negative: boolean;
  /** The moving-average cost per base unit, in the shop's currency. */
  avg_cost: string;
}

/** Someone who may sign in (owners first), and whether they have a PIN yet. */
export interface Staff {
  username: string;
  display_name: string;
  role: string;
  has_pin: boolean;
}

/** What the sign-in screen needs (the shell's `door`). */
export interface Door {
  shop: string;
  users: Staff[];
  /** [username, pin] of the demo accounts whose PIN is still the demo's. */
  demo_pins: [string, string][];
  lock_after_seconds: number;
  /** Someone already signed in (a reloaded window). */
  session: Session | null;
  /** The till is locked by this user's inactivity. */
  locked_by: string | null;
}

export interface BackupReport {
  path: string;
  taken_at: string;
  bytes: number;
  integrity: string;
}

export interface Buyer {
  code: string;
  name: string;
  tier: string | null;
  credit_limit: string | null;
  terms: { kind: string; days: number };
}

export const door = (locale: string) => invoke<Door>('door', { locale });
/** Open an encrypted book with its passphrase (the window's first screen when the book is encrypted). */
/** The demo accounts whose PIN is still the demo's ([username, pin]), asked after the door. */
export const demoPins = (locale: string) => invoke<[string, string][]>('demo_pins', { locale });
export const openBook = (passphrase: string, locale: string) => invoke<void>('open_book', { passphrase, locale });
export const signIn = (username: string, pin: string, locale: string) =>
  invoke<Session>('sign_in', { username, pin, locale });
export const signOut = () => invoke<void>('sign_out');
export const lockTill = () => invoke<void>('lock');
export const approve = (action: string, approver: string, pin: string, locale: string) =>
  invoke<string>('approve', { action, approver, pin, locale });
export const dropApproval = () => invoke<void>('drop_approval');
export const session = (locale: string) => invoke<Session>('session', { locale });
export const backupStatus = (locale: string) => invoke<BackupStatus>('backup_status', { locale });
export const backupNow = (locale: string) => invoke<BackupReport>('backup_now', { locale });
export const auditEntries = (filter: object, locale: string) => invoke<AuditEntry[]>('audit', { filter, locale });
export const auditVerify = (locale: string) => invoke<VerifyReport>('audit_verify', { locale });
export const lookup = (code: string, locale: string) => invoke<StockView>('lookup', { code, locale });
export const quoteSale = (draft: object, locale: string) => invoke<Doc>('quote_sale', { draft, locale });
export const postSale = (draft: object, locale: string) => invoke<Doc>('post_sale', { draft, locale });
/** A scan at the till: the sale with the scanned line quoted and the product's stock, one round trip. */
export const quoteScan = (draft: object, code: string, locale: string) =>
  invoke<{ quote: Doc; stock: StockView }>('quote_scan', { draft, code, locale });
/** A screen is ready for its person (`sign-in`, `till`): the shell prints and returns the ms since start. */
export const uiReady = (stage: string) => invoke<number>('ui_ready', { stage });
/** Ctrl+N: another window on the same book; its label. */
export const openWindow = () => invoke<string>('open_window');
export const buyers = (locale: string) => invoke<Buyer[]>('buyers', { locale });
export const quoteDocument = (draft: object, locale: string) => invoke<Doc>('quote_document', { draft, locale });
export const postDocument = (draft: object, locale: string) => invoke<Doc>('post_document', { draft, locale });
export const documentByNo = (docNo: string, locale: string) => invoke<Doc>('document', { docNo, locale });
export const syncStatus = () => invoke<SyncStatus>('sync_status');
/** Register this till (the admin URL is used once, never stored); the background sync starts at once. */
export const syncRegister = (server: string, tenant: string, locale: string) =>
  invoke<Registration>('sync_register', { server, tenant, locale });
export const syncNow = (locale: string) => invoke<{ pushed: number; pulled: number }>('sync_now', { locale });
export const syncConflicts = (locale: string) => invoke<Conflict[]>('sync_conflicts', { locale });
export const resolveConflictCount = (id: number, counted: string, locale: string) =>
  invoke<Doc>('resolve_conflict_count', { id, counted, locale });
/** A stock location (the library's `transfer::Location`). */
export interface Location {
  code: string;
  name: string;
  products: number;
  units: number;
}
export const locations = (locale: string) => invoke<Location[]>('locations', { locale });
export const resolveConflictTransfer = (id: number, from: string, locale: string) =>
  invoke<Doc>('resolve_conflict_transfer', { id, from, locale });

export function onStockChanged(handler: (e: { doc_no: string; skus: string[] }) => void): Promise<UnlistenFn> {
  return listen<{ doc_no: string; skus: string[] }>('stock-changed', (event) => handler(event.payload));
}

// The device settings screen (src-tauri/src/devices_cmds.rs).
export const devicesList = () => invoke<Discovered>('devices_list');
export const stationShow = (locale: string) => invoke<Station>('station_show', { locale });
export const stationSet = (form: object, locale: string) => invoke<Station>('station_set', { form, locale });
export const stationTestPrint = (printer: string | null, paper: string | null, locale: string) =>
  invoke<PrintReport>('station_test_print', { printer, paper, locale });
/** Listen to this till's scanner (again, after its settings changed); false when none is set. */
export const scannerListen = (locale: string) => invoke<boolean>('scanner_listen', { locale });

export type ScanEvent =
  | { event: 'code'; code: string }
  | { event: 'connected'; port: string }
  | { event: 'disconnected'; port: string; detail: string };

export function onScan(handler: (e: ScanEvent) => void): Promise<UnlistenFn> {
  return listen<ScanEvent>('scan', (event) => handler(event.payload));
}

/** What the first-run wizard sends (the shell's `start_shop`). */
export interface NewShop {
  name: string;
  tax_number: string;
  currency: string;
  vat: string;
  time_zone: string;
  language: string;
  owner: string;
  owner_name: string;
  pin: string;
}

/** The first run: the shop and its owner's PIN in one go; the owner's user name comes back. */
export const startShop = (shop: NewShop, locale: string) => invoke<string>('start_shop', { shop, locale });
/** The first run's other choice: the demo shop (its number of products comes back). */
export const openDemo = (locale: string) => invoke<number>('open_demo', { locale });
/** The book's change counter: it moves when another process commits to the same book. */
export const dataVersion = () => invoke<number>('data_version');
