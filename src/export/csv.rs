//! The month pack as a folder of CSV files, one per part: UTF-8, a header row of stable
//! snake_case names, plain decimals with '.', times in ISO 8601 with the shop's offset.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::{unwritable, Cell, Column, Part, Sink, Total};
use crate::error::Result;

/// Each part is written to `NAME.csv.part` and renamed when the whole pack is done, so a failed
/// export never leaves a half-written file under a real name.
pub(crate) struct CsvSink {
    dir: PathBuf,
    tz: chrono_tz::Tz,
    current: Option<(PathBuf, ::csv::Writer<BufWriter<File>>, Vec<bool>)>,
    written: Vec<(PathBuf, PathBuf)>,
}

impl CsvSink {
    pub(crate) fn create(dir: &Path, tz: chrono_tz::Tz) -> Result<CsvSink> {
        std::fs::create_dir_all(dir).map_err(|e| unwritable(dir, e))?;
        // Find out now, before reading a month of journals, whether the folder takes files.
        let probe = dir.join(".onebook-export-probe");
        File::create(&probe).map_err(|e| unwritable(dir, e))?;
        let _ = std::fs::remove_file(&probe);
        Ok(CsvSink { dir: dir.into(), tz, current: None, written: vec![] })
    }

    fn text(&self, cell: &Cell) -> String {
        match cell {
            Cell::Empty => String::new(),
            Cell::Text(s) | Cell::Money(s) | Cell::Decimal(s, _) => s.clone(),
            Cell::Int(v) => v.to_string(),
            Cell::Time(t) => t.0.with_timezone(&self.tz).to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}

impl Drop for CsvSink {
    fn drop(&mut self) {
        // Whatever was not renamed into place is a failed export's leftover.
        if let Some((tmp, _, _)) = self.current.take() {
            let _ = std::fs::remove_file(tmp);
        }
        for (tmp, _) in self.written.drain(..) {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

impl Sink for CsvSink {
    fn begin(&mut self, part: Part, columns: &[Column]) -> Result<()> {
        let path = self.dir.join(format!("{}.csv.part", part.key()));
        let file = File::create(&path).map_err(|e| unwritable(&path, e))?;
        let mut w = ::csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, file));
        let keep: Vec<bool> = columns.iter().map(|c| !c.xlsx_only).collect();
        let header: Vec<&str> = columns.iter().filter(|c| !c.xlsx_only).map(|c| c.key).collect();
        w.write_record(&header).map_err(|e| unwritable(&path, e))?;
        self.current = Some((path, w, keep));
        Ok(())
    }

    fn row(&mut self, cells: &[Cell]) -> Result<()> {
        let (path, mut w, keep) = self.current.take().expect("a part is open");
        let record: Vec<String> = cells.iter().zip(&keep).filter(|(_, k)| **k).map(|(c, _)| self.text(c)).collect();
        let written = w.write_record(&record).map_err(|e| unwritable(&path, e));
        self.current = Some((path, w, keep));
        written
    }

    /// CSV files carry no totals row: every row is a record an accounting import can take.
    fn end(&mut self, _totals: &[Total]) -> Result<String> {
        let (tmp, w, _) = self.current.take().expect("a part is open");
        let file = w.into_inner().map_err(|e| unwritable(&tmp, e.error()))?;
        let file = file.into_inner().map_err(|e| unwritable(&tmp, e.error()))?;
        file.sync_all().map_err(|e| unwritable(&tmp, e))?;
        let done = tmp.with_extension("");
        let name = done.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.written.push((tmp, done));
        Ok(name)
    }

    fn finish(mut self: Box<Self>) -> Result<()> {
        for (tmp, done) in std::mem::take(&mut self.written) {
            std::fs::rename(&tmp, &done).map_err(|e| unwritable(&done, e))?;
        }
        Ok(())
    }
}
