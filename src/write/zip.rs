//! A zip file, written atomically: `aware package`'s sink.
//!
//! Files are compressed as they arrive (on the render threads; a file handed over by
//! a thread outside the thread pool, as the search index's are, is compressed on the
//! pool while that thread goes on), kept in memory compressed, and written in path
//! order when the package is complete, so the same
//! course gives the same zip (timestamps come from `SOURCE_DATE_EPOCH` when it is set).
//! The zip goes to a temporary file beside the target and is renamed over it only when
//! whole: a failed package leaves no half-written zip. Plain zip (no zip64): at most
//! 65,535 files and 4 GiB, far beyond any course.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};

use anyhow::{bail, Context as _, Result};

use super::{OutFile, Sink};
use crate::util::site_path::site_path;

/// One compressed entry.
struct Entry {
    name: String,
    data: Vec<u8>,
    deflated: bool,
    crc: u32,
    size: u32,
}

/// Collects a zip's files; [`Zip::commit`] writes it.
#[derive(Default)]
pub(crate) struct Zip {
    entries: Arc<Mutex<Vec<Entry>>>,
    /// Files being compressed on the thread pool, not yet in `entries`.
    pending: Arc<(Mutex<usize>, Condvar)>,
}

/// What was written.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ZipStats {
    pub(crate) files: usize,
    /// Size of the files before compression.
    pub(crate) bytes: u64,
    /// Size of the zip.
    pub(crate) zip_bytes: u64,
}

impl Zip {
    /// The paths of the files so far, sorted.
    pub(crate) fn paths(&self) -> Vec<String> {
        self.wait();
        let mut v: Vec<String> = match self.entries.lock() {
            Ok(e) => e.iter().map(|e| e.name.clone()).collect(),
            Err(_) => Vec::new(),
        };
        v.sort();
        v
    }

    /// Waits until every file handed over is compressed.
    fn wait(&self) {
        let (count, done) = &*self.pending;
        let Ok(mut n) = count.lock() else { return };
        while *n > 0 {
            n = match done.wait(n) {
                Ok(n) => n,
                Err(_) => return,
            };
        }
    }

    fn add(&self, path: &Path, bytes: Vec<u8>) -> Result<()> {
        crate::util::site_path::check_inside(path)?;
        let size =
            u32::try_from(bytes.len()).context("a file of 4 GiB or more cannot go in a zip")?;
        let name = site_path(path);
        if rayon::current_thread_index().is_some() {
            push(&self.entries, compress(name, bytes, size))
        } else {
            // Off the pool (the search index is exported on one thread): compress on the
            // pool and let the caller go on to its next file.
            let (entries, pending) = (Arc::clone(&self.entries), Arc::clone(&self.pending));
            if let Ok(mut n) = pending.0.lock() {
                *n += 1;
            }
            rayon::spawn(move || {
                let _ = push(&entries, compress(name, bytes, size));
                if let Ok(mut n) = pending.0.lock() {
                    *n -= 1;
                    pending.1.notify_all();
                }
            });
            Ok(())
        }
    }

    /// Writes the zip to `out` (atomically: a temporary file beside it, then a rename).
    pub(crate) fn commit(self, out: &Path) -> Result<ZipStats> {
        self.wait();
        let mut entries = match self.entries.lock() {
            Ok(mut e) => std::mem::take(&mut *e),
            Err(_) => bail!("a thread writing the zip failed"),
        };
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        if entries.len() > 0xffff {
            bail!(
                "{} files are more than a zip without zip64 can hold (65,535)",
                entries.len()
            );
        }
        let files = entries.len();
        let bytes: u64 = entries.iter().map(|e| e.size as u64).sum();
        let tmp = temp_path(out)?;
        let written = (|| -> Result<u64> {
            // Like a build's staging folder, not forced to disk before the rename: the
            // rename is what makes the zip appear whole or not at all to every reader.
            // Streamed, each entry's data let go of once written: the zip is never in
            // memory twice (at 10,000 modules it is 150 MB).
            let mut f = std::io::BufWriter::with_capacity(1 << 20, fs::File::create(&tmp)?);
            let n = encode(&mut entries, dos_time(), &mut f)?;
            f.into_inner().map_err(|e| e.into_error())?;
            Ok(n)
        })();
        let zip_bytes =
            match written.and_then(|n| fs::rename(&tmp, out).map(|_| n).map_err(Into::into)) {
                Ok(n) => n,
                Err(e) => {
                    let _ = fs::remove_file(&tmp);
                    return Err(e).with_context(|| format!("cannot write {}", out.display()));
                }
            };
        Ok(ZipStats {
            files,
            bytes,
            zip_bytes,
        })
    }
}

impl Sink for Zip {
    fn write(&self, file: OutFile) -> Result<()> {
        self.add(&file.path, file.bytes)
    }

    fn copy(&self, src: &Path, dest: &Path) -> Result<()> {
        let bytes = fs::read(src).with_context(|| format!("cannot read {}", src.display()))?;
        self.add(dest, bytes)
    }
}

/// One file as a zip entry: deflated (level 1) unless that makes it larger.
fn compress(name: String, bytes: Vec<u8>, size: u32) -> Entry {
    let crc = crc32fast::hash(&bytes);
    // Level 1 of zlib-rs: at 1,000 modules it deflates the site's 30 MB in about half
    // the time miniz_oxide's level 1 takes, for a zip about a fifth larger (15.8 MB
    // against 13.1; level 6 would cost several times the CPU of the whole build).
    let packed = deflate(&bytes);
    let (data, deflated) = if packed.len() < bytes.len() {
        (packed, true)
    } else {
        (bytes, false)
    };
    Entry {
        name,
        data,
        deflated,
        crc,
        size,
    }
}

/// Raw deflate (what a zip entry holds), level 1.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut e = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(bytes.len() / 3),
        flate2::Compression::fast(),
    );
    // Writing to a Vec cannot fail.
    let _ = e.write_all(bytes);
    e.finish().unwrap_or_default()
}

fn push(entries: &Mutex<Vec<Entry>>, entry: Entry) -> Result<()> {
    match entries.lock() {
        Ok(mut e) => e.push(entry),
        Err(_) => bail!("a thread writing the zip failed"),
    }
    Ok(())
}

/// `.NAME.aware-tmp-PID` beside `out`.
fn temp_path(out: &Path) -> Result<PathBuf> {
    let name = out
        .file_name()
        .context("the package path has no file name")?
        .to_string_lossy();
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Ok(dir.join(format!(".{name}.aware-tmp-{}", std::process::id())))
}

/// Writes the zip of `entries` (in their order) to `w`: local headers and data, then the
/// central directory. Each entry's data is let go of once written; returns the zip's size.
fn encode(entries: &mut [Entry], (time, date): (u16, u16), w: &mut impl Write) -> Result<u64> {
    let mut offset: u64 = 0;
    let mut central: Vec<u8> = Vec::new();
    let mut head: Vec<u8> = Vec::with_capacity(128);
    let offset32 = |o: u64| u32::try_from(o).context("the zip would be 4 GiB or more");
    for e in entries.iter_mut() {
        let name = e.name.as_bytes();
        let flags: u16 = if e.name.is_ascii() { 0 } else { 0x0800 };
        let method: u16 = if e.deflated { 8 } else { 0 };
        let csize = e.data.len() as u32;
        let common = |buf: &mut Vec<u8>| {
            put16(buf, 20); // version needed to extract: 2.0
            put16(buf, flags);
            put16(buf, method);
            put16(buf, time);
            put16(buf, date);
            put32(buf, e.crc);
            put32(buf, csize);
            put32(buf, e.size);
            put16(buf, name.len() as u16);
            put16(buf, 0); // extra field length
        };
        head.clear();
        put32(&mut head, 0x0403_4b50);
        common(&mut head);
        head.extend_from_slice(name);
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, (3 << 8) | 20); // made by: Unix, zip 2.0
        common(&mut central);
        put16(&mut central, 0); // comment length
        put16(&mut central, 0); // disk number
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0o100644 << 16); // external attributes: a regular file, rw-r--r--
        put32(&mut central, offset32(offset)?);
        central.extend_from_slice(name);
        w.write_all(&head)?;
        w.write_all(&e.data)?;
        offset += (head.len() + e.data.len()) as u64;
        e.data = Vec::new();
    }
    let cd_offset = offset32(offset)?;
    let cd_size = central.len() as u32;
    put32(&mut central, 0x0605_4b50);
    put16(&mut central, 0);
    put16(&mut central, 0);
    put16(&mut central, entries.len() as u16);
    put16(&mut central, entries.len() as u16);
    put32(&mut central, cd_size);
    put32(&mut central, cd_offset);
    put16(&mut central, 0);
    w.write_all(&central)?;
    Ok(offset + central.len() as u64)
}

fn put16(b: &mut Vec<u8>, v: u16) {
    b.extend_from_slice(&v.to_le_bytes());
}

fn put32(b: &mut Vec<u8>, v: u32) {
    b.extend_from_slice(&v.to_le_bytes());
}

/// The MS-DOS time and date of `SOURCE_DATE_EPOCH` if set, else of now (UTC).
fn dos_time() -> (u16, u16) {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0)
        });
    dos_time_of(secs)
}

/// MS-DOS time and date (2-second resolution, years 1980-2107) of a Unix time.
fn dos_time_of(secs: u64) -> (u16, u16) {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let year = year.clamp(1980, 2107);
    let time = (((rem / 3600) << 11) | ((rem % 3600 / 60) << 5) | ((rem % 60) / 2)) as u16;
    let date = (((year - 1980) as u16) << 9) | ((month as u16) << 5) | day as u16;
    (time, date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dos_dates() {
        // 2026-12-02 18:30:08 UTC
        let (t, d) = dos_time_of(1_796_236_208);
        assert_eq!((d >> 9) + 1980, 2026);
        assert_eq!((d >> 5) & 15, 12);
        assert_eq!(d & 31, 2);
        assert_eq!((t >> 11, (t >> 5) & 63, (t & 31) * 2), (18, 30, 8));
        assert_eq!(dos_time_of(0).1 >> 9, 0, "before 1980 clamps to 1980");
    }

    #[test]
    fn a_zip_unzips_to_what_went_in() {
        let t = tempfile::tempdir().unwrap();
        let zip = Zip::default();
        let big = "repeated text ".repeat(500);
        zip.write(OutFile {
            path: "b/page.html".into(),
            bytes: big.clone().into_bytes(),
        })
        .unwrap();
        zip.write(OutFile {
            path: "a.txt".into(),
            bytes: b"x".to_vec(),
        })
        .unwrap();
        zip.write(OutFile {
            path: "médias/ü.txt".into(),
            bytes: b"".to_vec(),
        })
        .unwrap();
        assert_eq!(zip.paths(), ["a.txt", "b/page.html", "médias/ü.txt"]);
        let out = t.path().join("p.zip");
        let stats = zip.commit(&out).unwrap();
        assert_eq!(stats.files, 3);
        assert!(stats.zip_bytes < big.len() as u64, "compressed");
        // Read it back with a tiny reader of our own format's central directory.
        let bytes = fs::read(&out).unwrap();
        let eocd = bytes.len() - 22;
        assert_eq!(&bytes[eocd..eocd + 4], &[0x50, 0x4b, 0x05, 0x06]);
        let n = u16::from_le_bytes([bytes[eocd + 10], bytes[eocd + 11]]);
        assert_eq!(n, 3);
        // Every entry, read back through its local header, is what went in.
        let mut at = 0;
        let mut got = Vec::new();
        while bytes[at..at + 4] == [0x50, 0x4b, 0x03, 0x04] {
            let u16_at = |i: usize| u16::from_le_bytes([bytes[at + i], bytes[at + i + 1]]) as usize;
            let size = u32::from_le_bytes(bytes[at + 18..at + 22].try_into().unwrap()) as usize;
            let (name_len, extra) = (u16_at(26), u16_at(28));
            let name = String::from_utf8(bytes[at + 30..at + 30 + name_len].to_vec()).unwrap();
            let data = &bytes[at + 30 + name_len + extra..at + 30 + name_len + extra + size];
            let plain = if u16_at(8) == 8 {
                use std::io::Read as _;
                let mut out = Vec::new();
                flate2::read::DeflateDecoder::new(data)
                    .read_to_end(&mut out)
                    .unwrap();
                out
            } else {
                data.to_vec()
            };
            got.push((name, plain));
            at += 30 + name_len + extra + size;
        }
        got.sort();
        assert_eq!(
            got,
            [
                ("a.txt".to_string(), b"x".to_vec()),
                ("b/page.html".to_string(), big.into_bytes()),
                ("médias/ü.txt".to_string(), Vec::new()),
            ]
        );
        let leftovers: Vec<_> = fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file left");
    }
}
