"""A small test translator: a few family-plan strings in each of the 13 document languages.

It stands in for the real gettext catalogs where a test only needs to see that the document's
strings went through the translator in the right language (and that right-to-left languages are
flagged). Strings it does not know come back in English, as gettext does.
"""

from __future__ import annotations

RTL = frozenset({"ar", "fa"})
LANGS = ("en", "es", "vi", "zh-Hans", "zh-Hant", "tl", "ko", "ar", "fa", "pa", "ru", "hy", "hmn")

TITLE = "Education and career plan"
PAGE = "Page {page} of {pages}"
SIGNATURES = "Signatures"

TABLE: dict[str, dict[str, str]] = {
    "es": {
        TITLE: "Plan de educación y carrera",
        PAGE: "Página {page} de {pages}",
        SIGNATURES: "Firmas",
    },
    "vi": {
        TITLE: "Kế hoạch học tập và nghề nghiệp",
        PAGE: "Trang {page}/{pages}",
        SIGNATURES: "Chữ ký",
    },
    "zh-Hans": {TITLE: "教育与职业规划", PAGE: "第 {page} 页，共 {pages} 页", SIGNATURES: "签名"},
    "zh-Hant": {TITLE: "教育與職業規劃", PAGE: "第 {page} 頁，共 {pages} 頁", SIGNATURES: "簽名"},
    "tl": {
        TITLE: "Plano sa edukasyon at karera",
        PAGE: "Pahina {page} ng {pages}",
        SIGNATURES: "Mga lagda",
    },
    "ko": {TITLE: "교육 및 진로 계획", PAGE: "{pages}쪽 중 {page}쪽", SIGNATURES: "서명"},
    "ar": {TITLE: "خطة التعليم والمهنة", PAGE: "الصفحة {page} من {pages}", SIGNATURES: "التوقيعات"},
    "fa": {TITLE: "برنامه تحصیلی و شغلی", PAGE: "صفحه {page} از {pages}", SIGNATURES: "امضاها"},
    "pa": {TITLE: "ਸਿੱਖਿਆ ਅਤੇ ਕਰੀਅਰ ਯੋਜਨਾ", PAGE: "ਪੰਨਾ {page} / {pages}", SIGNATURES: "ਦਸਤਖ਼ਤ"},
    "ru": {
        TITLE: "План обучения и карьеры",
        PAGE: "Страница {page} из {pages}",
        SIGNATURES: "Подписи",
    },
    "hy": {
        TITLE: "Կրթության և կարիերայի պլան",
        PAGE: "Էջ {page} / {pages}",
        SIGNATURES: "Ստորագրություններ",
    },
    "hmn": {
        TITLE: "Txoj kev npaj kawm ntawv thiab haujlwm",
        PAGE: "Nplooj {page} ntawm {pages}",
        SIGNATURES: "Kos npe",
    },
}


class DictTranslator:
    """Implements :class:`pathplanner.i18n.Translator` from a dictionary."""

    def __init__(self, lang: str, table: dict[str, str]) -> None:
        self.lang = lang
        self.rtl = lang in RTL
        self.table = table

    def gettext(self, message: str) -> str:
        return self.table.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)


def translator(lang: str) -> DictTranslator:
    return DictTranslator(lang, TABLE.get(lang, {}))
