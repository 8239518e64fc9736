// The device settings screen's data: what the library found on this computer and this till's
// settings, as the shell's `devices_list` / `station_show` send them, and the form the screen
// sends back. Which address or port is valid is the library's rule: the form passes text along.

export interface UsbInfo {
  id: string;
  manufacturer?: string;
  product?: string;
}

export interface Discovered {
  serial_ports: { path: string; kind: string; usb?: UsbInfo }[];
  /** usblp printers (`file:///dev/usb/lp0`). */
  printers: { address: string; usb: UsbInfo | null }[];
  hid_scanners?: { port: string; kind: 'pos' | 'keyboard'; usb?: UsbInfo }[];
  usb_bus?: {
    printers: { address: string; manufacturer?: string; product?: string }[];
    /** `no-usb-bus` or `usb-error`. */
    unavailable?: string;
    detail?: string;
  };
}

export interface Station {
  device_id: string;
  printer: string | null;
  paper: 'mm58' | 'mm80' | string;
  kick_drawer: boolean;
  receipt_locale: string | null;
  scanner: { port: string; baud: number; suffix: 'cr' | 'lf' | 'crlf' } | null;
}

export interface PrintReport {
  device: string;
  bytes: number;
  paper: 'ok' | 'low' | 'unknown';
}

/** What the screen edits, as text. */
export interface DeviceForm {
  printer: string;
  paper: '58' | '80';
  drawer: boolean;
  receiptLocale: string;
  scanner: string;
  baud: string;
  suffix: 'cr' | 'lf' | 'crlf';
}

/** The form filled from the saved settings (the library's defaults when none were saved). */
export function formOf(s: Station): DeviceForm {
  return {
    printer: s.printer ?? '',
    paper: s.paper === 'mm58' || s.paper === '58' ? '58' : '80',
    drawer: s.kick_drawer,
    receiptLocale: s.receipt_locale ?? '',
    scanner: s.scanner?.port ?? '',
    baud: String(s.scanner?.baud ?? 9600),
    suffix: s.scanner?.suffix ?? 'cr',
  };
}

/** What `station_set` takes: an empty printer or scanner clears it; baud and suffix only with a port. */
export function stationInput(f: DeviceForm): Record<string, string | boolean | null> {
  const scanner = f.scanner.trim();
  return {
    printer: f.printer.trim(),
    paper: f.paper,
    drawer: f.drawer,
    receipt_locale: f.receiptLocale,
    scanner,
    baud: scanner ? f.baud : null,
    suffix: scanner ? f.suffix : null,
  };
}

/** One thing found, as a row the screen lists with a "use" button. */
export interface FoundRow {
  what: 'printer' | 'serial' | 'hid';
  /** The address (printer) or port (scanner) it puts in the form. */
  value: string;
  label: string;
}

function usbLabel(u?: UsbInfo | null): string {
  if (!u) return '';
  return [u.manufacturer, u.product, `(${u.id})`].filter(Boolean).join(' ');
}

/** Everything found, printers first; a serial port may be a printer or a scanner. */
export function foundRows(d: Discovered): FoundRow[] {
  const rows: FoundRow[] = [];
  for (const p of d.usb_bus?.printers ?? []) {
    rows.push({ what: 'printer', value: p.address, label: [p.manufacturer, p.product].filter(Boolean).join(' ') });
  }
  for (const p of d.printers) rows.push({ what: 'printer', value: p.address, label: usbLabel(p.usb) });
  for (const h of d.hid_scanners ?? []) rows.push({ what: 'hid', value: h.port, label: usbLabel(h.usb) });
  // A built-in port has no maker to show: the screen says "built-in" in its language.
  for (const s of d.serial_ports) rows.push({ what: 'serial', value: s.path, label: usbLabel(s.usb) });
  return rows;
}

/** The message id and arguments of a test print that went through. */
export function printedLine(r: PrintReport): { id: string; args: Record<string, string> } {
  return r.paper === 'low' ? { id: 'devices-paper-low', args: {} } : { id: 'devices-printed', args: { device: r.device } };
}
