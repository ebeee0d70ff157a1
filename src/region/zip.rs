//! Reading one small file out of a ZIP archive that came from outside: a centre's pack.
//!
//! The archive is data, never trusted. It is refused whole when any entry is named to climb
//! out of the folder it would be unpacked into (`../`, an absolute path, `\`), is a symbolic
//! link, or is encrypted; the file wanted is read only up to a bound however large its header
//! says it is (a few kilobytes of deflate can claim gigabytes), and its CRC must match. Only
//! the central directory and the one entry are read, never the whole archive (a pack of PDFs
//! runs to hundreds of megabytes). ZIP64 is not read: kurator's packs never need it.
//! (A crate would do; this is what kurator's own writer, `output::zip`, produces, and the
//! checks above are the part that matters.)

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use flate2::read::DeflateDecoder;

/// The largest central directory read: 100,000 entries of ordinary names fit.
const MAX_DIRECTORY: u64 = 16 * 1024 * 1024;
/// End of central directory record: fixed part and the longest comment after it.
const EOCD_LEN: u64 = 22;
const MAX_COMMENT: u64 = 0xFFFF;

/// Why an archive was not read.
#[derive(Debug)]
pub enum ZipError {
    /// The system refused to read the file.
    Io(std::io::Error),
    /// Not a ZIP archive kurator reads, or a damaged one: what is wrong, in Russian.
    Damaged(String),
    /// An entry that must not be unpacked: its name and why, in Russian.
    Unsafe(String, &'static str),
    /// The entry wanted is larger than the bound (its size as the header gives it, or more).
    TooBig(String, u64),
}

impl std::fmt::Display for ZipError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ZipError::Io(e) => write!(f, "не удалось прочитать архив: {e}"),
            ZipError::Damaged(why) => write!(f, "архив повреждён или не ZIP: {why}"),
            ZipError::Unsafe(name, why) => write!(
                f,
                "архив небезопасен: элемент «{name}» {why}; такой архив не читается целиком"
            ),
            ZipError::TooBig(name, bytes) => write!(
                f,
                "элемент «{name}» слишком большой (не меньше {bytes} байт): это не показатели центра"
            ),
        }
    }
}

impl From<std::io::Error> for ZipError {
    fn from(e: std::io::Error) -> ZipError {
        ZipError::Io(e)
    }
}

/// One entry of the central directory.
struct Entry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    compressed: u64,
    size: u64,
    offset: u64,
}

fn u16_at(b: &[u8], i: usize) -> u16 {
    u16::from_le_bytes([b[i], b[i + 1]])
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn damaged(why: &str) -> ZipError {
    ZipError::Damaged(why.to_owned())
}

/// Every entry of the archive, each name checked (see the module doc).
fn entries(file: &mut File) -> Result<Vec<Entry>, ZipError> {
    let len = file.metadata()?.len();
    if len < EOCD_LEN {
        return Err(damaged("файл слишком короткий"));
    }
    let tail_len = len.min(EOCD_LEN + MAX_COMMENT);
    let mut tail = vec![0; tail_len as usize];
    file.seek(SeekFrom::Start(len - tail_len))?;
    file.read_exact(&mut tail)?;
    let at = (0..=tail.len() - EOCD_LEN as usize)
        .rev()
        .find(|&i| u32_at(&tail, i) == 0x0605_4b50)
        .ok_or_else(|| damaged("нет оглавления архива"))?;
    let count = u16_at(&tail, at + 10);
    let size = u64::from(u32_at(&tail, at + 12));
    let start = u64::from(u32_at(&tail, at + 16));
    if count == 0xFFFF || size == 0xFFFF_FFFF || start == 0xFFFF_FFFF {
        return Err(damaged("архив формата ZIP64 не поддерживается"));
    }
    if size > MAX_DIRECTORY || start + size > len {
        return Err(damaged("оглавление архива выходит за его пределы"));
    }
    let mut dir = vec![0; size as usize];
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut dir)?;
    let mut list = Vec::with_capacity(usize::from(count));
    let mut i = 0;
    for _ in 0..count {
        if i + 46 > dir.len() || u32_at(&dir, i) != 0x0201_4b50 {
            return Err(damaged("оглавление архива повреждено"));
        }
        let (name_len, extra, comment) = (
            usize::from(u16_at(&dir, i + 28)),
            usize::from(u16_at(&dir, i + 30)),
            usize::from(u16_at(&dir, i + 32)),
        );
        if i + 46 + name_len > dir.len() {
            return Err(damaged("оглавление архива повреждено"));
        }
        let name = String::from_utf8_lossy(&dir[i + 46..i + 46 + name_len]).into_owned();
        let made_on_unix = u16_at(&dir, i + 4) >> 8 == 3;
        let mode = u32_at(&dir, i + 38) >> 16;
        if made_on_unix && mode & 0o170_000 == 0o120_000 {
            return Err(ZipError::Unsafe(name, "— символическая ссылка"));
        }
        check_name(&name)?;
        list.push(Entry {
            method: u16_at(&dir, i + 10),
            flags: u16_at(&dir, i + 8),
            crc: u32_at(&dir, i + 16),
            compressed: u64::from(u32_at(&dir, i + 20)),
            size: u64::from(u32_at(&dir, i + 24)),
            offset: u64::from(u32_at(&dir, i + 42)),
            name,
        });
        i += 46 + name_len + extra + comment;
    }
    Ok(list)
}

/// Refuses a name that would be unpacked outside the archive's folder.
fn check_name(name: &str) -> Result<(), ZipError> {
    let why = if name.starts_with('/') || (name.contains(':') && name.len() > 1) {
        Some("задан абсолютным путём")
    } else if name.contains('\\') || name.contains('\0') {
        Some("содержит недопустимый знак («\\» или нулевой байт)")
    } else if name.split('/').any(|part| part == "..") {
        Some("ведёт за пределы папки архива («..»)")
    } else {
        None
    };
    match why {
        Some(why) => Err(ZipError::Unsafe(name.to_owned(), why)),
        None => Ok(()),
    }
}

/// The names of the archive's entries, after every name has been checked.
pub fn names(path: &Path) -> Result<Vec<String>, ZipError> {
    let mut file = File::open(path)?;
    Ok(entries(&mut file)?.into_iter().map(|e| e.name).collect())
}

/// The bytes of the entry `name`, at most `max` of them; `None` when there is no such entry.
pub fn read(path: &Path, name: &str, max: u64) -> Result<Option<Vec<u8>>, ZipError> {
    let mut file = File::open(path)?;
    let Some(entry) = entries(&mut file)?.into_iter().find(|e| e.name == name) else {
        return Ok(None);
    };
    if entry.flags & 1 != 0 {
        return Err(ZipError::Unsafe(entry.name, "зашифрован"));
    }
    if entry.size > max || entry.compressed > max.saturating_mul(2) {
        return Err(ZipError::TooBig(entry.name, entry.size.max(max + 1)));
    }
    let mut header = [0; 30];
    file.seek(SeekFrom::Start(entry.offset))?;
    file.read_exact(&mut header)?;
    if u32_at(&header, 0) != 0x0403_4b50 {
        return Err(damaged("заголовок элемента не найден"));
    }
    let skip = u64::from(u16_at(&header, 26)) + u64::from(u16_at(&header, 28));
    file.seek(SeekFrom::Start(entry.offset + 30 + skip))?;
    let raw = (&mut file).take(entry.compressed);
    let mut bytes = Vec::new();
    // The header's size is only a claim: the bound holds whatever the data inflates to.
    let read = match entry.method {
        0 => raw.take(max + 1).read_to_end(&mut bytes),
        8 => DeflateDecoder::new(raw)
            .take(max + 1)
            .read_to_end(&mut bytes),
        _ => return Err(damaged("неизвестный способ сжатия")),
    };
    read.map_err(|e| ZipError::Damaged(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(ZipError::TooBig(entry.name, max + 1));
    }
    if bytes.len() as u64 != entry.size || crc32fast::hash(&bytes) != entry.crc {
        return Err(damaged("контрольная сумма элемента не сходится"));
    }
    Ok(Some(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_the_writer_wrote() {
        let dir = testdir::tempdir().unwrap();
        let path = dir.path().join("a.zip");
        let big = vec![b' '; 5000];
        let zip = crate::output::zip::archive([
            ("p/figures.json", &b"{\"a\": 1}"[..]),
            ("p/big.txt", &big[..]),
        ]);
        std::fs::write(&path, zip).unwrap();
        assert_eq!(names(&path).unwrap(), ["p/figures.json", "p/big.txt"]);
        assert_eq!(
            read(&path, "p/figures.json", 100).unwrap().unwrap(),
            b"{\"a\": 1}"
        );
        assert!(read(&path, "p/none", 100).unwrap().is_none());
        assert!(matches!(
            read(&path, "p/big.txt", 1000),
            Err(ZipError::TooBig(..))
        ));
    }

    #[test]
    fn names_that_climb_out_are_refused() {
        for name in ["../x", "a/../../x", "/etc/x", "a\\..\\x", "C:/x"] {
            assert!(check_name(name).is_err(), "{name}");
        }
        for name in ["a/figures.json", "figures.json", "a..b/c"] {
            assert!(check_name(name).is_ok(), "{name}");
        }
    }
}
