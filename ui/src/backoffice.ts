// The shell's back-office commands (src-tauri/src/back_office.rs), typed: the catalog list and
// the month view. Each rejects with a UiError.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';

export interface ProductRow {
  sku: string;
  name: string;
  base_unit: string;
  units: { unit: string; factor_to_base: number }[];
  on_hand: number;
  on_hand_mixed: string;
  retail_price: string | null;
  vat_rate_pct: string;
}

export interface ProductPage {
  total: number;
  offset: number;
  rows: ProductRow[];
}

export interface DaySales {
  date: string;
  retail: string;
  wholesale: string;
}

export interface ExportProgress {
  part: string;
  done: number;
  total: number;
}

export const productsPage = (query: string, offset: number, limit: number, locale: string) =>
  invoke<ProductPage>('products_page', { query, offset, limit, locale });
export const monthReport = (month: string, locale: string) => invoke<Record<string, unknown>>('month_report', { month, locale });
export const dailySales = (month: string, locale: string) => invoke<DaySales[]>('daily_sales', { month, locale });
/** Writes the month pack beside the book; resolves to the path written. */
export const exportMonth = (month: string, format: string, locale: string) =>
  invoke<string>('export_month', { month, format, locale });

export function onExportProgress(handler: (p: ExportProgress) => void): Promise<UnlistenFn> {
  return listen<ExportProgress>('export-progress', (event) => handler(event.payload));
}
