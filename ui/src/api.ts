// The shell's commands (src-tauri/src/commands.rs), typed. Each rejects with a UiError.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { Doc } from './till';
import type { SyncStatus } from './sync';

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
}

export interface Buyer {
  code: string;
  name: string;
  tier: string | null;
  credit_limit: string | null;
  terms: { kind: string; days: number };
}

export const session = () => invoke<Session>('session');
export const lookup = (code: string, locale: string) => invoke<StockView>('lookup', { code, locale });
export const quoteSale = (draft: object, locale: string) => invoke<Doc>('quote_sale', { draft, locale });
export const postSale = (draft: object, locale: string) => invoke<Doc>('post_sale', { draft, locale });
export const buyers = (locale: string) => invoke<Buyer[]>('buyers', { locale });
export const quoteDocument = (draft: object, locale: string) => invoke<Doc>('quote_document', { draft, locale });
export const postDocument = (draft: object, locale: string) => invoke<Doc>('post_document', { draft, locale });
export const documentByNo = (docNo: string, locale: string) => invoke<Doc>('document', { docNo, locale });
export const syncStatus = () => invoke<SyncStatus>('sync_status');

export function onStockChanged(handler: (e: { doc_no: string; skus: string[] }) => void): Promise<UnlistenFn> {
  return listen<{ doc_no: string; skus: string[] }>('stock-changed', (event) => handler(event.payload));
}
