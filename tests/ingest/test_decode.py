import codecs

import pytest

from pipeline.ingest.decode import DecodeError, decode_bytes

ARABIC = "انسحاب القوات الأمريكية من العراق خلال العامين المقبلين، بحسب مسؤولين."


@pytest.mark.parametrize(
    "data, encoding",
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),  # no BOM
        (ARABIC.encode("cp1256"), "windows-1256"),
    ],
)
def test_detects_and_records_encoding(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == ARABIC
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\t  ", "empty"),
        (codecs.BOM_UTF8 + b"  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_bad_bytes_raise_reason_codes(data, reason):
    with pytest.raises(DecodeError) as err:
        decode_bytes(data)
    assert err.value.reason == reason
    assert err.value.detail
