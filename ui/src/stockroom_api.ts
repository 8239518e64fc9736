// The shell's stockroom commands (src-tauri/src/catalog_cmds.rs), typed. Each rejects with a UiError.
import { invoke } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type { ProductForm } from './stockroom';

export interface RowError { line: number; column: string | null; code: string; message: string }
export interface ImportReport { rows: number; created: number; updated: number; skipped: number; errors: RowError[] }
export interface ImportOutcome { report: ImportReport | null; rejected: RowError[] }
export interface ImportProgress { phase: 'checking' | 'writing'; done: number; total: number }

export const productForm = (code: string, locale: string) => invoke<ProductForm>('product_form', { code, locale });
export const saveProduct = (form: ProductForm, locale: string) => invoke<ProductForm>('save_product', { form, locale });
export const importProducts = (path: string, skipBad: boolean, locale: string) =>
  invoke<ImportOutcome>('import_products', { path, skipBad, locale });

export function onImportProgress(handler: (p: ImportProgress) => void): Promise<UnlistenFn> {
  return listen<ImportProgress>('import-progress', (event) => handler(event.payload));
}
export function onCatalogChanged(handler: () => void): Promise<UnlistenFn> {
  return listen('catalog-changed', () => handler());
}
