import { describe, expect, it } from 'vitest';
import { formOf, foundRows, printedLine, stationInput, type Station } from './devices';

const saved: Station = {
  device_id: 'd1',
  printer: 'tcp://127.0.0.1:9100',
  paper: 'mm58',
  kick_drawer: true,
  receipt_locale: 'ar',
  scanner: { port: '/dev/ttyUSB0', baud: 19200, suffix: 'lf' },
};

describe('the device settings form', () => {
  it('shows what the till keeps and sends it back unchanged', () => {
    const f = formOf(saved);
    expect(f).toEqual({
      printer: 'tcp://127.0.0.1:9100',
      paper: '58',
      drawer: true,
      receiptLocale: 'ar',
      scanner: '/dev/ttyUSB0',
      baud: '19200',
      suffix: 'lf',
    });
    expect(stationInput(f)).toEqual({
      printer: 'tcp://127.0.0.1:9100',
      paper: '58',
      drawer: true,
      receipt_locale: 'ar',
      scanner: '/dev/ttyUSB0',
      baud: '19200',
      suffix: 'lf',
    });
  });

  it('clears the scanner without sending its baud and suffix', () => {
    const f = { ...formOf({ ...saved, scanner: null, printer: null, paper: 'mm80' }) };
    expect(f.paper).toBe('80');
    expect(f.baud).toBe('9600');
    expect(stationInput(f)).toMatchObject({ printer: '', scanner: '', baud: null, suffix: null });
  });

  it('lists what was found, printers first', () => {
    const rows = foundRows({
      serial_ports: [{ path: '/dev/ttyUSB0', kind: 'usb', usb: { id: '1a86:7523', product: 'USB Serial' } }],
      printers: [{ address: 'file:///dev/usb/lp0', usb: { id: '04b8:0e15', manufacturer: 'EPSON', product: 'TM-T20II' } }],
      hid_scanners: [{ port: 'hidpos:/dev/hidraw0', kind: 'pos', usb: { id: '0c2e:0b81' } }],
      usb_bus: { printers: [{ address: 'usb:04b8:0202', manufacturer: 'Epson' }] },
    });
    expect(rows.map((r) => [r.what, r.value])).toEqual([
      ['printer', 'usb:04b8:0202'],
      ['printer', 'file:///dev/usb/lp0'],
      ['hid', 'hidpos:/dev/hidraw0'],
      ['serial', '/dev/ttyUSB0'],
    ]);
    expect(rows[1].label).toBe('EPSON TM-T20II (04b8:0e15)');
  });

  it('says a low roll after a test print', () => {
    expect(printedLine({ device: 'tcp://p:9100', bytes: 10, paper: 'ok' })).toEqual({
      id: 'devices-printed',
      args: { device: 'tcp://p:9100' },
    });
    expect(printedLine({ device: 'x', bytes: 1, paper: 'low' }).id).toBe('devices-paper-low');
  });
});
