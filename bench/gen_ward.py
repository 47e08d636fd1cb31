#!/usr/bin/env python3
"""Generate a synthetic loa ward site for the build benchmark.

Usage:
    python3 bench/gen_ward.py N --out DIR [--seed S] [--anchors DIR]

Writes a complete loa site into DIR (DIR is emptied first):

    site.toml            copied from the repository root
    data/days.toml       copied from the repository's data/
    data/units.toml      15 units (phòng, trạm, đoàn thể, tổ dân phố...)
    data/legal.toml      40 legal documents with so_ky_hieu (every symbol that days.toml cites
                         is among them; a missing one is added as a stub)
    content/news/*.md    N news items: the anchor benchmark's text
    content/plans/*.md   N plans (kế hoạch) of about 450-700 words (--plans K: K of them)

News items are the pages Zola and Hugo were timed on (/work/shared/bench-anchors/gen.py):
the same random.Random(seed) is consumed in the same order (title, 3 tags out of the pool of
50, body), so item i has byte-for-byte the title, tags and Markdown body (headings, a list,
a table) of the anchor's posts/p-0000i.md. Only the front matter differs (loa's field names)
and the date: the anchor steps 2 hours from 2020-01-01, here dates are spread evenly over
2020-01-01 .. 2026-11-22 (the benchmark's build date; nothing is in the future).

Plans use their own random stream (seeded from S too), so adding or changing plans never
changes the news text. Output is deterministic for a given N, S and repository copy of
site.toml / days.toml.
"""
import argparse
import datetime as dt
import hashlib
import os
import random
import re
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_ANCHORS = "/work/shared/bench-anchors"

FIRST_DAY = dt.date(2020, 1, 1)
LAST_DAY = dt.date(2026, 11, 22)  # the build date run.sh passes with --date

# ── The anchor's text generator ─────────────────────────────────────────────────────────────
# Preferred: import gen.py from the anchor folder so the words are the anchor's own. The copy
# below is used only when that folder is absent (another machine); it is checked against the
# anchor whenever both are present.

_WORDS = """người cao tuổi chính sách trợ giúp xã hội phường quận thành phố nhà nước
dân cư khu phố tổ dân phố ủy ban nhân dân mặt trận tổ quốc đoàn thanh niên hội phụ nữ
cựu chiến binh nông dân công an quân sự y tế giáo dục văn hóa thông tin truyền thông
kinh tế tài chính ngân sách kế hoạch thống kê báo cáo số liệu biểu đồ năm tháng quý
tuần ngày đầu cuối tăng giảm so với cùng kỳ đạt vượt chỉ tiêu hộ nghèo cận nghèo
thoát thu nhập bình quân lao động việc làm đào tạo nghề bảo hiểm thất nghiệp trẻ em
học sinh trường mầm non tiểu học trung cơ sở phổ thông bệnh viện trạm tiêm chủng
phòng chống dịch bệnh môi trường rác thải vệ sinh cây xanh đường giao an toàn trật
tự đô thị xây dựng sửa chữa cải tạo nâng cấp vốn đầu tư công dự án hoàn thành triển
khai thực hiện tuyên truyền vận động phổ biến pháp luật hành chính thủ tục một cửa
hồ sơ tiếp nhận giải quyết đúng hạn trực tuyến điện tử chuyển đổi số nền tảng ứng
dụng cán bộ công chức viên chức đảng viên chi bộ nghị quyết chỉ thị hướng dẫn quyết
định thông báo lễ hội tết nguyên đán quốc khánh gia đình văn hóa khuyến học khuyến
tài thể dục thể thao câu lạc bộ nhà văn hóa thư viện sinh hoạt cộng đồng tình nguyện
hiến máu nhân đạo từ thiện quỹ vì người nghèo đền ơn đáp nghĩa gia đình chính sách
thương binh liệt sĩ mẹ việt nam anh hùng chăm sóc sức khỏe khám bệnh miễn phí cấp
phát thẻ""".split()

_TAG_POOL = [
    "người cao tuổi", "chính sách xã hội", "trợ giúp", "an sinh", "giảm nghèo",
    "việc làm", "bảo hiểm y tế", "bảo hiểm xã hội", "trẻ em", "giáo dục",
    "y tế", "tiêm chủng", "môi trường", "đô thị", "giao thông",
    "an ninh trật tự", "phòng cháy", "chuyển đổi số", "dịch vụ công", "cải cách hành chính",
    "văn hóa", "thể thao", "lễ hội", "tết", "quốc khánh",
    "thống kê", "kế hoạch", "ngân sách", "đầu tư công", "xây dựng",
    "đoàn thanh niên", "hội phụ nữ", "cựu chiến binh", "mặt trận tổ quốc", "khu phố",
    "tổ dân phố", "khuyến học", "nhân đạo", "hiến máu", "từ thiện",
    "đền ơn đáp nghĩa", "thương binh liệt sĩ", "pháp luật", "tuyên truyền", "thông báo",
    "nghị quyết", "báo cáo quý", "dân số", "gia đình văn hóa", "đoàn thể",
]


class _Fallback:
    """A copy of the anchor's sentence/paragraph/body (links off)."""

    WORDS = _WORDS
    TAG_POOL = _TAG_POOL

    @staticmethod
    def sentence(rng, lo=10, hi=18):
        ws = [rng.choice(_WORDS) for _ in range(rng.randint(lo, hi))]
        ws[0] = ws[0][0].upper() + ws[0][1:]
        return " ".join(ws) + "."

    @staticmethod
    def paragraph(rng, nsent):
        return " ".join(_Fallback.sentence(rng) for _ in range(nsent))

    @staticmethod
    def body(rng, idx, links, tool):
        sentence, paragraph = _Fallback.sentence, _Fallback.paragraph
        out = []
        out.append(paragraph(rng, 5))
        out.append("")
        out.append("## " + sentence(rng, 3, 6).rstrip("."))
        out.append("")
        out.append(paragraph(rng, 6))
        out.append("")
        for _ in range(4):
            out.append("- " + sentence(rng, 4, 8))
        out.append("")
        out.append("## Số liệu " + sentence(rng, 2, 4).rstrip(".").lower())
        out.append("")
        out.append("| Chỉ tiêu | Kế hoạch | Thực hiện | Tỷ lệ (%) |")
        out.append("|---|---:|---:|---:|")
        for _ in range(5):
            plan = rng.randint(50, 5000)
            done = rng.randint(int(plan * 0.6), int(plan * 1.2))
            label = " ".join(rng.choice(_WORDS) for _ in range(3))
            out.append(f"| {label} | {plan} | {done} | {done * 100 / plan:.1f} |")
        out.append("")
        out.append("### " + sentence(rng, 3, 6).rstrip("."))
        out.append("")
        out.append(paragraph(rng, 7))
        out.append("")
        out.append(paragraph(rng, 6))
        out.append("")
        return "\n".join(out)


def load_anchor(folder):
    """Returns (module, source description)."""
    if folder and os.path.isfile(os.path.join(folder, "gen.py")):
        sys.path.insert(0, folder)
        try:
            import gen as anchor  # noqa: E402  (the anchor's generator)
        finally:
            sys.path.pop(0)
        if anchor.WORDS != _WORDS or anchor.TAG_POOL != _TAG_POOL:
            print("gen_ward: warning: the embedded copy of the anchor word pool differs from "
                  f"{folder}/gen.py; using the anchor's", file=sys.stderr)
        return anchor, os.path.join(folder, "gen.py")
    return _Fallback, "embedded copy of the anchor generator"


# ── Registries ──────────────────────────────────────────────────────────────────────────────

# (ma, ten, ten_khac, loai, mo_ta). Plans name units by `ten` or one of `ten_khac`.
UNITS = [
    ("phong-van-hoa-xa-hoi", "Phòng Văn hóa - Xã hội phường",
     ["Phòng Văn hóa - Xã hội"], "Phòng chuyên môn",
     "Tham mưu về văn hóa, giáo dục, y tế, lao động và bảo trợ xã hội; thẩm định hồ sơ trợ cấp."),
    ("phong-kinh-te-ha-tang-do-thi", "Phòng Kinh tế, Hạ tầng và Đô thị phường",
     ["Phòng Kinh tế, Hạ tầng và Đô thị"], "Phòng chuyên môn",
     "Tham mưu về kinh tế, tài chính - ngân sách, xây dựng, giao thông và trật tự đô thị."),
    ("van-phong-hdnd-ubnd", "Văn phòng HĐND và UBND phường",
     ["Văn phòng Hội đồng nhân dân và Ủy ban nhân dân phường"], "Văn phòng",
     "Tổng hợp, theo dõi việc thực hiện kế hoạch; bộ phận một cửa tiếp nhận hồ sơ của người dân."),
    ("tram-y-te", "Trạm Y tế phường", ["Trạm Y tế"], "Y tế",
     "Khám, chữa bệnh ban đầu, tiêm chủng, quản lý sức khỏe và dịch vụ công tác xã hội."),
    ("cong-an", "Công an phường", [], "Công an",
     "Bảo đảm an ninh, trật tự; quản lý cư trú; phòng cháy, chữa cháy tại khu dân cư."),
    ("ban-chi-huy-quan-su", "Ban Chỉ huy Quân sự phường", ["Ban CHQS phường"], "Quân sự",
     "Công tác quốc phòng, quân sự địa phương; thăm hỏi gia đình chính sách."),
    ("trung-tam-dich-vu-su-nghiep-cong", "Trung tâm Dịch vụ sự nghiệp công phường",
     ["Trung tâm Dịch vụ sự nghiệp công"], "Trung tâm",
     "Thông tin, tuyên truyền, văn hóa, thể thao, hệ thống loa truyền thanh và trang thông tin."),
    ("truong-hoc", "Các trường học trên địa bàn phường", ["Các trường học"], "Trường học",
     "Các trường mầm non, tiểu học và trung học cơ sở trên địa bàn phường."),
    ("mat-tran-to-quoc", "Ủy ban Mặt trận Tổ quốc Việt Nam phường",
     ["Ủy ban MTTQ Việt Nam phường", "Mặt trận Tổ quốc phường"], "Mặt trận",
     "Vận động quỹ Vì người nghèo, giám sát việc thực hiện chính sách tại khu dân cư."),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh phường",
     ["Đoàn Thanh niên phường", "Đoàn phường"], "Đoàn thể",
     "Tập hợp đoàn viên, thanh niên tham gia tình nguyện, bảo vệ môi trường, chuyển đổi số."),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ phường", ["Hội Phụ nữ phường"], "Đoàn thể",
     "Chăm lo hội viên phụ nữ, phòng, chống bạo lực gia đình, hỗ trợ phụ nữ khó khăn."),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh phường", ["Hội CCB phường"], "Đoàn thể",
     "Tập hợp cựu chiến binh, tham gia giữ gìn an ninh trật tự và giảm nghèo."),
    ("hoi-nguoi-cao-tuoi", "Hội Người cao tuổi phường", ["Hội Người cao tuổi"], "Đoàn thể",
     "Mừng thọ, thăm hỏi người cao tuổi, hoạt động văn hóa, thể thao của hội viên."),
    ("hoi-chu-thap-do", "Hội Chữ thập đỏ phường", ["Hội Chữ thập đỏ"], "Đoàn thể",
     "Vận động hiến máu, cứu trợ nhân đạo, kết nối nhà hảo tâm với hộ khó khăn."),
    ("to-dan-pho", "Các tổ dân phố", ["Tổ dân phố", "Các tổ dân phố trên địa bàn phường"],
     "Khu dân cư", "Nắm tình hình các hộ, thông báo chính sách, đề xuất trường hợp cần trợ giúp."),
]
# Units a plan asks ("Đề nghị ...") rather than directs.
REQUESTED_UNITS = ["mat-tran-to-quoc", "doan-thanh-nien", "hoi-phu-nu", "hoi-cuu-chien-binh",
                   "hoi-nguoi-cao-tuoi", "hoi-chu-thap-do"]

# (loai, so_ky_hieu, ngay, co_quan, trich_yeu, ten_goi). The first block holds every symbol the
# repository's data/days.toml cites; the rest are plausible national and city documents.
LEGAL = [
    ("Luật", "39/2009/QH12", "2009-11-23", "Quốc hội", "Luật Người cao tuổi", ["Luật Người cao tuổi"]),
    ("Luật", "51/2010/QH12", "2010-06-17", "Quốc hội", "Luật Người khuyết tật", ["Luật Người khuyết tật"]),
    ("Luật", "102/2016/QH13", "2016-04-05", "Quốc hội", "Luật Trẻ em", ["Luật Trẻ em"]),
    ("Luật", "41/2024/QH15", "2024-06-29", "Quốc hội", "Luật Bảo hiểm xã hội", ["Luật Bảo hiểm xã hội"]),
    ("Nghị định", "145/2013/NĐ-CP", "2013-10-29", "Chính phủ",
     "Quy định về tổ chức ngày kỷ niệm; nghi thức trao tặng, đón nhận hình thức khen thưởng, danh hiệu thi đua", []),
    ("Nghị định", "20/2021/NĐ-CP", "2021-03-15", "Chính phủ",
     "Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội", []),
    ("Nghị định", "76/2024/NĐ-CP", "2024-07-01", "Chính phủ",
     "Sửa đổi, bổ sung một số điều của Nghị định số 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội", []),
    ("Nghị định", "110/2024/NĐ-CP", "2024-08-30", "Chính phủ", "Về công tác xã hội", []),
    ("Nghị định", "176/2025/NĐ-CP", "2025-06-30", "Chính phủ",
     "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Bảo hiểm xã hội về trợ cấp hưu trí xã hội", []),
    ("Quyết định", "1791/QĐ-TTg", "2016-09-15", "Thủ tướng Chính phủ", "Về Ngày Công tác xã hội Việt Nam", []),
    ("Quyết định", "544/QĐ-TTg", "2015-04-25", "Thủ tướng Chính phủ", "Về Tháng hành động vì người cao tuổi Việt Nam", []),
    ("Quyết định", "72/2001/QĐ-TTg", "2001-05-04", "Thủ tướng Chính phủ", "Về Ngày Gia đình Việt Nam", []),
    ("Quyết định", "2589/QĐ-TTg", "2013-12-26", "Thủ tướng Chính phủ",
     "Phê duyệt Đề án tổ chức các hoạt động nhân Ngày Quốc tế Hạnh phúc 20 tháng 3 hằng năm", []),
    ("Kế hoạch", "73/KH-SYT", "2026-03-04", "Sở Y tế thành phố Hải Phòng",
     "Thực hiện Đề án Đổi mới, phát triển trợ giúp xã hội trên địa bàn thành phố Hải Phòng năm 2026", []),
    ("Nghị quyết", "48/2025/NQ-HĐND", "2025-12-10", "Hội đồng nhân dân thành phố Hải Phòng",
     "Quy định chính sách hỗ trợ các nhóm đối tượng bảo trợ xã hội và mức phí chi trả trợ giúp xã hội trên địa bàn thành phố", []),
    ("Nghị quyết", "57/2025/NQ-HĐND", "2025-12-11", "Hội đồng nhân dân thành phố Hải Phòng",
     "Quy định chính sách hỗ trợ mức đóng bảo hiểm y tế cho các nhóm đối tượng xã hội giai đoạn 2026 - 2030", []),
    # ── further national documents ──
    ("Nghị định", "06/2011/NĐ-CP", "2011-01-14", "Chính phủ",
     "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Người cao tuổi", []),
    ("Nghị định", "28/2012/NĐ-CP", "2012-04-10", "Chính phủ",
     "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Người khuyết tật", []),
    ("Nghị định", "136/2013/NĐ-CP", "2013-10-21", "Chính phủ",
     "Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội", []),
    ("Nghị định", "56/2017/NĐ-CP", "2017-05-09", "Chính phủ",
     "Quy định chi tiết một số điều của Luật Trẻ em", []),
    ("Nghị định", "146/2018/NĐ-CP", "2018-10-17", "Chính phủ",
     "Quy định chi tiết và hướng dẫn biện pháp thi hành một số điều của Luật Bảo hiểm y tế", []),
    ("Nghị định", "07/2021/NĐ-CP", "2021-01-27", "Chính phủ",
     "Quy định chuẩn nghèo đa chiều giai đoạn 2021 - 2025", []),
    ("Nghị định", "61/2018/NĐ-CP", "2018-04-23", "Chính phủ",
     "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính", []),
    ("Nghị định", "136/2020/NĐ-CP", "2020-11-24", "Chính phủ",
     "Quy định chi tiết một số điều và biện pháp thi hành Luật Phòng cháy và chữa cháy", []),
    ("Quyết định", "06/QĐ-TTg", "2022-01-06", "Thủ tướng Chính phủ",
     "Phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư, định danh và xác thực điện tử phục vụ chuyển đổi số quốc gia", []),
    ("Quyết định", "1929/QĐ-TTg", "2019-12-18", "Thủ tướng Chính phủ",
     "Phê duyệt Chương trình bảo vệ và hỗ trợ trẻ em tương tác lành mạnh, sáng tạo trên môi trường mạng", []),
    ("Quyết định", "2156/QĐ-TTg", "2013-11-11", "Thủ tướng Chính phủ",
     "Phê duyệt Đề án trợ giúp người khuyết tật", []),
    ("Thông tư", "02/2021/TT-BLĐTBXH", "2021-06-24", "Bộ Lao động - Thương binh và Xã hội",
     "Hướng dẫn phương pháp rà soát, phân loại hộ nghèo, hộ cận nghèo", []),
    ("Thông tư", "01/2019/TT-BLĐTBXH", "2019-01-02", "Bộ Lao động - Thương binh và Xã hội",
     "Quy định về xác định mức độ khuyết tật do Hội đồng xác định mức độ khuyết tật thực hiện", []),
    # ── city documents (synthetic numbers) ──
    ("Kế hoạch", "112/KH-UBND", "2019-05-20", "Ủy ban nhân dân thành phố Hải Phòng",
     "Triển khai Chương trình hành động vì người cao tuổi Việt Nam trên địa bàn thành phố", []),
    ("Kế hoạch", "205/KH-UBND", "2020-08-14", "Ủy ban nhân dân thành phố Hải Phòng",
     "Thực hiện công tác bảo vệ, chăm sóc trẻ em trên địa bàn thành phố giai đoạn 2020 - 2025", []),
    ("Kế hoạch", "38/KH-UBND", "2022-02-18", "Ủy ban nhân dân thành phố Hải Phòng",
     "Triển khai Đề án 06 về phát triển ứng dụng dữ liệu dân cư trên địa bàn thành phố", []),
    ("Kế hoạch", "146/KH-UBND", "2023-06-09", "Ủy ban nhân dân thành phố Hải Phòng",
     "Thực hiện công tác giảm nghèo bền vững trên địa bàn thành phố năm 2023", []),
    ("Kế hoạch", "27/KH-UBND", "2024-01-29", "Ủy ban nhân dân thành phố Hải Phòng",
     "Phát triển đối tượng tham gia bảo hiểm y tế, bảo hiểm xã hội năm 2024", []),
    ("Kế hoạch", "59/KH-UBND", "2025-03-12", "Ủy ban nhân dân thành phố Hải Phòng",
     "Thực hiện công tác phòng, chống dịch bệnh truyền nhiễm năm 2025", []),
    ("Quyết định", "1685/QĐ-UBND", "2018-07-16", "Ủy ban nhân dân thành phố Hải Phòng",
     "Phê duyệt Đề án xây dựng đô thị văn minh, sạch đẹp trên địa bàn thành phố", []),
    ("Quyết định", "3120/QĐ-UBND", "2021-11-02", "Ủy ban nhân dân thành phố Hải Phòng",
     "Ban hành Chương trình chuyển đổi số thành phố Hải Phòng đến năm 2025", []),
    ("Nghị quyết", "14/2019/NQ-HĐND", "2019-07-18", "Hội đồng nhân dân thành phố Hải Phòng",
     "Quy định chính sách hỗ trợ học sinh có hoàn cảnh khó khăn trên địa bàn thành phố", []),
    ("Nghị quyết", "09/2022/NQ-HĐND", "2022-07-15", "Hội đồng nhân dân thành phố Hải Phòng",
     "Quy định mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi từ đủ 70 tuổi đến dưới 80 tuổi", []),
    ("Nghị quyết", "21/2023/NQ-HĐND", "2023-12-08", "Hội đồng nhân dân thành phố Hải Phòng",
     "Quy định chính sách hỗ trợ hộ cận nghèo và hộ mới thoát nghèo trên địa bàn thành phố", []),
]


def legal_date(symbol):
    for loai, sym, ngay, *_ in LEGAL:
        if sym == symbol:
            return dt.date.fromisoformat(ngay)
    raise KeyError(symbol)


# ── Plans: topics and phrase pools ──────────────────────────────────────────────────────────

# key, subject, tags (from the anchor's pool, so plan and news share tag pages),
# legal symbols worth citing, target phrases ("Tỷ lệ <x> đạt P%").
TOPICS = [
    ("tro-giup-xa-hoi", "chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
     ["trợ giúp", "chính sách xã hội", "an sinh"],
     ["136/2013/NĐ-CP", "20/2021/NĐ-CP", "76/2024/NĐ-CP", "48/2025/NQ-HĐND"],
     ["hồ sơ trợ giúp xã hội được giải quyết đúng hạn", "đối tượng bảo trợ xã hội được cấp thẻ bảo hiểm y tế",
      "đối tượng bảo trợ xã hội nhận trợ cấp qua tài khoản"]),
    ("nguoi-cao-tuoi", "công tác chăm sóc và phát huy vai trò người cao tuổi",
     ["người cao tuổi", "y tế", "an sinh"],
     ["06/2011/NĐ-CP", "544/QĐ-TTg", "112/KH-UBND", "176/2025/NĐ-CP", "09/2022/NQ-HĐND"],
     ["người cao tuổi được khám sức khỏe định kỳ", "người cao tuổi được lập hồ sơ theo dõi sức khỏe",
      "người cao tuổi đủ điều kiện được hưởng trợ cấp hưu trí xã hội"]),
    ("tre-em", "công tác bảo vệ, chăm sóc trẻ em",
     ["trẻ em", "giáo dục", "y tế"],
     ["56/2017/NĐ-CP", "1929/QĐ-TTg", "205/KH-UBND", "14/2019/NQ-HĐND"],
     ["trẻ em có hoàn cảnh đặc biệt được quản lý, hỗ trợ", "trẻ em dưới sáu tuổi được cấp thẻ bảo hiểm y tế",
      "tổ dân phố đạt tiêu chuẩn phù hợp với trẻ em"]),
    ("nguoi-khuyet-tat", "công tác trợ giúp người khuyết tật",
     ["trợ giúp", "chính sách xã hội", "nhân đạo"],
     ["28/2012/NĐ-CP", "2156/QĐ-TTg", "01/2019/TT-BLĐTBXH", "20/2021/NĐ-CP"],
     ["người khuyết tật được xác định mức độ khuyết tật", "người khuyết tật nặng được hưởng trợ cấp hằng tháng",
      "người khuyết tật có nhu cầu được tư vấn học nghề"]),
    ("giam-ngheo", "công tác giảm nghèo bền vững",
     ["giảm nghèo", "an sinh", "việc làm"],
     ["07/2021/NĐ-CP", "02/2021/TT-BLĐTBXH", "146/KH-UBND", "21/2023/NQ-HĐND"],
     ["hộ nghèo được hỗ trợ sinh kế", "hộ cận nghèo được hỗ trợ đóng bảo hiểm y tế",
      "hộ nghèo có thành viên trong độ tuổi lao động được giới thiệu việc làm"]),
    ("bao-hiem-y-te", "phát triển đối tượng tham gia bảo hiểm y tế, bảo hiểm xã hội",
     ["bảo hiểm y tế", "bảo hiểm xã hội", "an sinh"],
     ["146/2018/NĐ-CP", "27/KH-UBND", "57/2025/NQ-HĐND"],
     ["dân số tham gia bảo hiểm y tế", "lực lượng lao động tham gia bảo hiểm xã hội",
      "học sinh tham gia bảo hiểm y tế"]),
    ("chuyen-doi-so", "chuyển đổi số và phát triển dữ liệu dân cư",
     ["chuyển đổi số", "dịch vụ công", "cải cách hành chính"],
     ["06/QĐ-TTg", "3120/QĐ-UBND", "38/KH-UBND", "61/2018/NĐ-CP"],
     ["hồ sơ thủ tục hành chính được tiếp nhận trực tuyến", "người dân có tài khoản định danh điện tử mức độ 2",
      "hồ sơ được số hóa kết quả giải quyết"]),
    ("cai-cach-hanh-chinh", "công tác cải cách hành chính",
     ["cải cách hành chính", "dịch vụ công", "pháp luật"],
     ["61/2018/NĐ-CP", "06/QĐ-TTg"],
     ["hồ sơ được giải quyết đúng hạn", "người dân hài lòng khi giải quyết thủ tục hành chính",
      "thủ tục hành chính được công khai đầy đủ"]),
    ("phong-chong-dich", "công tác phòng, chống dịch bệnh truyền nhiễm",
     ["y tế", "tiêm chủng", "môi trường"],
     ["59/KH-UBND", "146/2018/NĐ-CP"],
     ["trẻ em dưới một tuổi được tiêm chủng đầy đủ", "hộ gia đình được hướng dẫn diệt lăng quăng",
      "ổ dịch được phát hiện và xử lý kịp thời"]),
    ("moi-truong", "công tác vệ sinh môi trường, xây dựng đô thị văn minh",
     ["môi trường", "đô thị", "xây dựng"],
     ["1685/QĐ-UBND"],
     ["rác thải sinh hoạt được thu gom, xử lý", "tuyến đường đạt tiêu chí xanh, sạch, đẹp",
      "hộ gia đình phân loại rác tại nguồn"]),
    ("phong-chay", "công tác phòng cháy, chữa cháy tại khu dân cư",
     ["phòng cháy", "an ninh trật tự", "tổ dân phố"],
     ["136/2020/NĐ-CP"],
     ["tổ dân phố có mô hình điểm chữa cháy công cộng", "hộ kinh doanh được kiểm tra an toàn phòng cháy",
      "hộ gia đình có bình chữa cháy"]),
    ("gia-dinh-van-hoa", "phong trào Toàn dân đoàn kết xây dựng đời sống văn hóa",
     ["văn hóa", "gia đình văn hóa", "khu phố"],
     ["72/2001/QĐ-TTg", "2589/QĐ-TTg"],
     ["hộ gia đình đạt danh hiệu Gia đình văn hóa", "tổ dân phố đạt danh hiệu Tổ dân phố văn hóa",
      "hộ gia đình ký cam kết không bạo lực gia đình"]),
    ("cong-tac-xa-hoi", "công tác xã hội và phát triển mạng lưới cộng tác viên",
     ["trợ giúp", "an sinh", "tổ dân phố"],
     ["110/2024/NĐ-CP", "1791/QĐ-TTg", "73/KH-SYT"],
     ["tổ dân phố có cộng tác viên công tác xã hội", "cộng tác viên được tập huấn kỹ năng",
      "trường hợp cần trợ giúp được quản lý, theo dõi"]),
    ("den-on-dap-nghia", "công tác đền ơn đáp nghĩa, chăm lo người có công",
     ["đền ơn đáp nghĩa", "thương binh liệt sĩ", "cựu chiến binh"],
     ["145/2013/NĐ-CP"],
     ["gia đình người có công có mức sống bằng hoặc cao hơn mức trung bình", "người có công được thăm hỏi, tặng quà",
      "phần mộ liệt sĩ được chăm sóc"]),
    ("khuyen-hoc", "công tác khuyến học, khuyến tài và xây dựng xã hội học tập",
     ["khuyến học", "giáo dục", "đoàn thể"],
     ["14/2019/NQ-HĐND"],
     ["hộ gia đình đạt danh hiệu Gia đình học tập", "học sinh có hoàn cảnh khó khăn được hỗ trợ học bổng",
      "tổ dân phố đạt danh hiệu Cộng đồng học tập"]),
    ("tet", "công tác chăm lo Tết cho các gia đình chính sách và hộ khó khăn",
     ["tết", "từ thiện", "an sinh"],
     ["145/2013/NĐ-CP", "20/2021/NĐ-CP"],
     ["hộ nghèo được thăm hỏi, tặng quà dịp Tết", "người cao tuổi tròn tuổi được mừng thọ",
      "đối tượng bảo trợ xã hội nhận quà Tết đúng thời gian"]),
    ("hien-mau", "công tác vận động hiến máu tình nguyện",
     ["hiến máu", "nhân đạo", "đoàn thanh niên"],
     ["110/2024/NĐ-CP"],
     ["đơn vị máu tiếp nhận so với chỉ tiêu được giao", "người hiến máu lần đầu được tư vấn sức khỏe",
      "tổ dân phố có người tham gia hiến máu"]),
    ("dan-so", "công tác dân số và phát triển",
     ["dân số", "y tế", "gia đình văn hóa"],
     ["59/KH-UBND"],
     ["bà mẹ mang thai được khám thai định kỳ", "trẻ sơ sinh được sàng lọc sơ sinh",
      "người cao tuổi được tư vấn chăm sóc dinh dưỡng"]),
    ("phap-luat", "công tác phổ biến, giáo dục pháp luật",
     ["pháp luật", "tuyên truyền", "mặt trận tổ quốc"],
     ["61/2018/NĐ-CP"],
     ["cán bộ, công chức được bồi dưỡng kiến thức pháp luật", "tổ dân phố có tủ sách pháp luật",
      "vụ việc hòa giải ở cơ sở thành công"]),
    ("viec-lam", "công tác giải quyết việc làm và đào tạo nghề",
     ["việc làm", "giảm nghèo", "đoàn thanh niên"],
     ["07/2021/NĐ-CP", "146/KH-UBND"],
     ["người lao động được tư vấn, giới thiệu việc làm", "lao động qua đào tạo có bằng cấp, chứng chỉ",
      "thanh niên hoàn thành nghĩa vụ quân sự được hỗ trợ học nghề"]),
]

VERBS = ["Thực hiện", "Triển khai", "Tổ chức thực hiện", "Đẩy mạnh"]

PURPOSE = [
    "Triển khai kịp thời, đầy đủ các chủ trương của Đảng, chính sách, pháp luật của Nhà nước về {topic} trên địa bàn phường.",
    "Nâng cao nhận thức, trách nhiệm của cấp ủy, chính quyền, các đoàn thể và nhân dân trong {topic}.",
    "Huy động sự tham gia của cả hệ thống chính trị và các tầng lớp nhân dân, góp phần bảo đảm an sinh xã hội, ổn định đời sống nhân dân.",
    "Phát hiện, giải quyết kịp thời những khó khăn, vướng mắc phát sinh ở các tổ dân phố, không để người dân phải đi lại nhiều lần.",
    "Gắn {topic} với phong trào thi đua của phường và việc xây dựng tổ dân phố văn hóa.",
    "Tạo chuyển biến rõ nét về chất lượng phục vụ người dân, nhất là người cao tuổi, người khuyết tật và hộ có hoàn cảnh khó khăn.",
]
REQUIREMENT = [
    "Các nội dung phải cụ thể, sát với tình hình thực tế của phường, bảo đảm tính khả thi và hiệu quả.",
    "Phân công rõ trách nhiệm của từng cơ quan, đơn vị, tổ dân phố; phối hợp chặt chẽ, thường xuyên trong quá trình thực hiện.",
    "Thực hiện công khai, minh bạch, đúng đối tượng, đúng chế độ; không để xảy ra sai sót, trục lợi chính sách.",
    "Định kỳ kiểm tra, đánh giá kết quả thực hiện; kịp thời biểu dương tập thể, cá nhân làm tốt và chấn chỉnh những nơi làm chưa tốt.",
    "Báo cáo kết quả thực hiện đúng thời gian quy định, số liệu đầy đủ, chính xác.",
    "Sử dụng kinh phí đúng mục đích, tiết kiệm, thanh quyết toán theo quy định hiện hành.",
]
TASK_TITLES = [
    "Công tác tuyên truyền, phổ biến chính sách",
    "Rà soát, lập danh sách đối tượng",
    "Thực hiện đầy đủ, kịp thời các chế độ, chính sách",
    "Nâng cao năng lực đội ngũ cán bộ, cộng tác viên",
    "Ứng dụng công nghệ thông tin, chuyển đổi số",
    "Huy động nguồn lực xã hội",
    "Kiểm tra, giám sát việc thực hiện",
    "Tổ chức các hoạt động hưởng ứng tại khu dân cư",
    "Cải cách thủ tục hành chính",
    "Phối hợp với các tổ chức, đoàn thể",
]
TASK_BULLETS = [
    "Đa dạng hóa hình thức tuyên truyền trên hệ thống loa truyền thanh, trang thông tin điện tử và nhóm mạng xã hội của các tổ dân phố về {topic}",
    "Lồng ghép nội dung tuyên truyền vào các buổi sinh hoạt của tổ dân phố, chi hội và câu lạc bộ",
    "Rà soát, cập nhật danh sách đối tượng tại từng tổ dân phố, bảo đảm không bỏ sót, không trùng lặp",
    "Tiếp nhận, thẩm định hồ sơ đúng quy trình, trả kết quả đúng hạn tại bộ phận một cửa của phường",
    "Chi trả trợ cấp đầy đủ, kịp thời; khuyến khích nhận trợ cấp qua tài khoản ngân hàng",
    "Cử cán bộ tham gia các lớp tập huấn do thành phố tổ chức và tập huấn lại cho cộng tác viên ở tổ dân phố",
    "Cập nhật dữ liệu đối tượng lên phần mềm quản lý, kết nối với cơ sở dữ liệu quốc gia về dân cư",
    "Vận động doanh nghiệp, nhà hảo tâm ủng hộ quỹ Vì người nghèo và các chương trình an sinh của phường",
    "Tổ chức thăm hỏi, tặng quà các gia đình có hoàn cảnh khó khăn nhân các ngày lễ, Tết",
    "Kiểm tra việc thực hiện chính sách tại các tổ dân phố ít nhất hai lần trong năm",
    "Công khai danh sách đối tượng được hưởng chính sách tại nhà văn hóa tổ dân phố",
    "Phối hợp với Trạm Y tế phường tổ chức khám sức khỏe, tư vấn phòng bệnh tại cộng đồng",
    "Xây dựng mô hình điểm tại một số tổ dân phố, rút kinh nghiệm để nhân rộng",
    "Tiếp nhận, xử lý phản ánh, kiến nghị của người dân qua đường dây nóng và trang thông tin của phường",
]
SUB_BULLETS = [
    "người cao tuổi sống một mình, ốm đau thường xuyên",
    "người khuyết tật đặc biệt nặng và nặng",
    "trẻ em mồ côi, trẻ em có hoàn cảnh đặc biệt",
    "hộ nghèo, hộ cận nghèo, hộ mới thoát nghèo",
    "người có công với cách mạng và thân nhân",
    "người đơn thân thuộc hộ nghèo đang nuôi con nhỏ",
    "hộ gia đình gặp rủi ro do thiên tai, hỏa hoạn",
    "người lao động mất việc làm, thu nhập không ổn định",
]
# What each unit is asked to do (1-2 of its own lines; the lead unit gets more).
LEAD_DUTIES = [
    "Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân phường triển khai các nội dung của Kế hoạch",
    "Hướng dẫn, đôn đốc các tổ dân phố thực hiện; tổng hợp kết quả, báo cáo Ủy ban nhân dân phường trước ngày 15 tháng 12",
    "Tham mưu sơ kết, đánh giá kết quả thực hiện, đề xuất khen thưởng tập thể, cá nhân có thành tích",
]
UNIT_DUTIES = {
    "phong-kinh-te-ha-tang-do-thi": [
        "Tham mưu bố trí kinh phí thực hiện Kế hoạch từ nguồn ngân sách phường và các nguồn hợp pháp khác",
        "Hướng dẫn thanh quyết toán kinh phí theo đúng quy định"],
    "van-phong-hdnd-ubnd": [
        "Tiếp nhận hồ sơ, giải quyết thủ tục hành chính đúng hạn, công khai tại bộ phận một cửa",
        "Theo dõi, đôn đốc các đơn vị thực hiện nhiệm vụ được giao trong Kế hoạch"],
    "tram-y-te": [
        "Tổ chức khám sức khỏe, tư vấn phòng bệnh cho các đối tượng theo Kế hoạch",
        "Cung cấp dịch vụ công tác xã hội: tiếp nhận, đánh giá nhu cầu, tư vấn và kết nối chuyển gửi"],
    "cong-an": [
        "Bảo đảm an ninh, trật tự tại các điểm tổ chức hoạt động của Kế hoạch",
        "Phối hợp rà soát, nắm tình hình đối tượng trên địa bàn, kịp thời phát hiện các trường hợp phát sinh"],
    "ban-chi-huy-quan-su": [
        "Phối hợp thăm hỏi gia đình chính sách, thân nhân liệt sĩ trên địa bàn",
        "Huy động lực lượng dân quân tham gia các hoạt động tại khu dân cư khi được yêu cầu"],
    "trung-tam-dich-vu-su-nghiep-cong": [
        "Xây dựng nội dung tuyên truyền, phát trên hệ thống loa truyền thanh ít nhất hai lần mỗi tháng",
        "Đăng tải kịp thời các tin, bài về kết quả thực hiện trên trang thông tin điện tử của phường"],
    "truong-hoc": [
        "Phát hiện học sinh có hoàn cảnh khó khăn, phối hợp với gia đình trong việc chăm sóc, giáo dục",
        "Lồng ghép nội dung của Kế hoạch vào các hoạt động ngoại khóa của học sinh"],
    "to-dan-pho": [
        "Thông báo rộng rãi chính sách đến từng hộ gia đình trong tổ dân phố",
        "Nắm bắt tâm tư, nguyện vọng của người dân, phản ánh kịp thời về Ủy ban nhân dân phường"],
}
REQUEST_DUTIES = [
    "Tuyên truyền, vận động đoàn viên, hội viên và nhân dân tích cực tham gia thực hiện Kế hoạch",
    "Phối hợp phát hiện, giới thiệu các trường hợp có hoàn cảnh khó khăn để được xem xét hỗ trợ",
    "Tham gia giám sát việc thực hiện chính sách tại khu dân cư",
    "Vận động nguồn lực xã hội hóa để thăm hỏi, tặng quà các đối tượng",
]
RECIPIENTS_HEAD = ["UBND thành phố (b/c);", "Sở Y tế thành phố (b/c);", "Sở Nội vụ thành phố (b/c);"]
RECIPIENTS_TAIL = ["TTĐU, TT HĐND phường;", "Chủ tịch, các PCT UBND phường;",
                   "Ủy ban MTTQ Việt Nam phường;", "Các phòng, ban, đơn vị liên quan;",
                   "Các tổ dân phố;", "Lưu: VT."]
SIGNERS = [
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "CHỦ TỊCH", "Nguyễn Văn Thành"),
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Hoàng Anh Tuấn"),
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Trần Thị Minh Phương"),
]


def citation(symbol):
    """'Nghị định số 20/2021/NĐ-CP ngày 15/3/2021 của Chính phủ quy định ...'."""
    for loai, sym, ngay, co_quan, trich_yeu, _ in LEGAL:
        if sym == symbol:
            d = dt.date.fromisoformat(ngay)
            about = trich_yeu[0].lower() + trich_yeu[1:]
            if not about.startswith(("quy định", "về", "hướng dẫn", "sửa đổi", "phê duyệt", "ban hành")):
                about = "về việc " + about
            return f"{loai} số {sym} ngày {d.day:02d}/{d.month}/{d.year} của {co_quan} {about}"
    raise KeyError(symbol)


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def toml_list(xs):
    return "[" + ", ".join(toml_str(x) for x in xs) + "]"


def spread_date(i, n):
    """Item i of n (1-based), spread evenly from FIRST_DAY to LAST_DAY."""
    span = (LAST_DAY - FIRST_DAY).days
    return FIRST_DAY + dt.timedelta(days=(i - 1) * span // max(n - 1, 1))


def cap(s):
    return s[0].upper() + s[1:]


def percent(rng):
    if rng.random() < 0.25:
        return f"{rng.randint(85, 99)},{rng.randint(1, 9)}%"
    return f"{rng.choice([80, 85, 90, 92, 95, 96, 97, 98, 100])}%"


def make_plan(rng, i, n, ward, unit_by_id):
    topic_key, topic, tags, symbols, target_phrases = rng.choice(TOPICS)
    date = spread_date(i, n)
    year = date.year
    verb = rng.choice(VERBS)
    subject = f"{verb} {topic} năm {year} trên địa bàn phường {ward}"
    lower_subject = subject[0].lower() + subject[1:]

    # Basis: 1-3 documents issued before the plan, topic documents first.
    usable = [s for s in symbols if legal_date(s) < date]
    if not usable:
        usable = [s for _, s, ngay, *_ in LEGAL
                  if not s.endswith(("QH12", "QH13", "QH15")) and dt.date.fromisoformat(ngay) < date]
    cited = rng.sample(usable, min(len(usable), rng.randint(1, 3)))
    basis_parts = [("Căn cứ " if k < len(cited) - 1 else "Thực hiện ") + citation(s)
                   for k, s in enumerate(cited)]
    out = []
    out.append("; ".join(basis_parts) + f", Ủy ban nhân dân phường {ward} ban hành Kế hoạch "
               f"{lower_subject}, cụ thể như sau:")
    out.append("")

    # I. Purpose and requirements.
    out.append("## I. MỤC ĐÍCH, YÊU CẦU")
    out.append("")
    out.append("### 1. Mục đích")
    out.append("")
    out.append(" ".join(s.format(topic=topic) for s in rng.sample(PURPOSE, 2)))
    out.append("")
    out.append("### 2. Yêu cầu")
    out.append("")
    for s in rng.sample(REQUIREMENT, 2):
        out.append("- " + s)
    out.append("")

    # II. Targets: 3-5 bullets with a percentage.
    out.append("## II. CHỈ TIÊU")
    out.append("")
    phrases = list(target_phrases)
    for t in TOPICS:
        if t[0] != topic_key:
            phrases += t[4]
    picks = target_phrases + rng.sample(phrases[len(target_phrases):], 2)
    for k, x in enumerate(picks[: rng.randint(3, 5)]):
        form = rng.random()
        if form < 0.6:
            out.append(f"- Tỷ lệ {x} đạt {percent(rng)}.")
        elif form < 0.85:
            out.append(f"- Phấn đấu đến hết năm {year}, tỷ lệ {x} đạt {percent(rng)}.")
        else:
            out.append(f"- 100% {x}.")
    out.append("")

    # III. Tasks: ### items with -/+ bullets.
    out.append("## III. NỘI DUNG THỰC HIỆN")
    out.append("")
    for k, title in enumerate(rng.sample(TASK_TITLES, rng.randint(2, 3)), 1):
        out.append(f"### {k}. {title}")
        out.append("")
        for b in rng.sample(TASK_BULLETS, rng.randint(1, 2)):
            text = b.format(topic=topic)
            if rng.random() < 0.2:
                out.append(f"- {text}, trong đó ưu tiên:")
                subs = rng.sample(SUB_BULLETS, 2)
                out.append(f"  + {subs[0]};")
                out.append(f"  + {subs[1]}.")
            else:
                out.append(f"- {text}.")
        out.append("")

    # IV. Implementation: 4-8 units, exactly one "Đề nghị ...".
    out.append("## IV. TỔ CHỨC THỰC HIỆN")
    out.append("")
    directed = [u for u in unit_by_id if u not in REQUESTED_UNITS]
    count = rng.choice([4, 4, 5, 5, 6, 6, 7, 8])
    chosen = ["phong-van-hoa-xa-hoi"] + rng.sample([u for u in directed if u != "phong-van-hoa-xa-hoi"],
                                                   count - 2)
    chosen.append(rng.choice(REQUESTED_UNITS))
    if "to-dan-pho" in chosen:  # residential groups come last, as in real plans
        chosen.remove("to-dan-pho")
        chosen.append("to-dan-pho")
    for k, uid in enumerate(chosen, 1):
        _, name, aliases, *_ = unit_by_id[uid]
        shown = name if rng.random() < 0.8 or not aliases else rng.choice(aliases)
        requested = uid in REQUESTED_UNITS
        out.append(f"### {k}. {'Đề nghị ' + shown if requested else shown}")
        out.append("")
        if k == 1:
            duties = [LEAD_DUTIES[0]] + rng.sample(LEAD_DUTIES[1:], 1)
        else:
            pool = REQUEST_DUTIES if requested else UNIT_DUTIES[uid]
            duties = rng.sample(pool, 1 if rng.random() < 0.8 else 2)
        if len(duties) == 1 and rng.random() < 0.4:
            out.append(duties[0] + ".")
        else:
            for d in duties:
                out.append(f"- {d};")
        out.append("")
    body = "\n".join(out)

    signer = rng.choice(SIGNERS) if rng.random() < 0.5 else None
    recipients = rng.sample(RECIPIENTS_HEAD, rng.randint(1, 2)) + RECIPIENTS_TAIL
    front = [
        "+++",
        'loai = "KH"',
        f'so = "{i}"',
        'ky_hieu = "KH-UBND"',
        f'ngay = "{date.isoformat()}"',
        f"trich_yeu = {toml_str(subject)}",
        f"the = {toml_list(tags)}",
        'loi_ket = """',
        f"Trên đây là Kế hoạch {lower_subject}. Trong quá trình thực hiện, nếu có khó khăn, "
        "vướng mắc, đề nghị các đơn vị phản ánh về Ủy ban nhân dân phường (qua Phòng Văn hóa - "
        "Xã hội) để phối hợp giải quyết./.",
        '"""',
        "noi_nhan = [",
        *[f"  {toml_str(r)}," for r in recipients],
        "]",
    ]
    if signer:
        front += ["", "[nguoi_ky]", f"tham_quyen = {toml_list(signer[0])}",
                  f"chuc_vu = {toml_str(signer[1])}", f"ho_ten = {toml_str(signer[2])}"]
    front.append("+++")
    slug = f"{date.isoformat()}-ke-hoach-{i:05d}-{topic_key}"
    return slug, "\n".join(front) + "\n\n" + body, len(body.split())


# ── Writing ─────────────────────────────────────────────────────────────────────────────────

def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def units_toml():
    out = ["# Đơn vị nhận nhiệm vụ trong các kế hoạch (sinh tự động cho bench)."]
    for ma, ten, aliases, loai, mo_ta in UNITS:
        out += ["", "[[don_vi]]", f"ma = {toml_str(ma)}", f"ten = {toml_str(ten)}",
                f"ten_khac = {toml_list(aliases)}", f"loai = {toml_str(loai)}",
                f"mo_ta = {toml_str(mo_ta)}"]
    return "\n".join(out) + "\n"


def days_policies(days_text):
    """Symbols data/days.toml cites in chinh_sach."""
    try:
        import tomllib
        data = tomllib.loads(days_text)
        return [p.strip() for d in data.get("ngay", []) for p in d.get("chinh_sach", [])]
    except ImportError:
        found = []
        for m in re.finditer(r"^chinh_sach\s*=\s*\[(.*)\]", days_text, re.M):
            found += re.findall(r'"([^"]+)"', m.group(1))
        return found


def legal_toml(extra_symbols):
    out = ["# Văn bản được trích dẫn (sinh tự động cho bench)."]
    entries = list(LEGAL)
    known = {e[1] for e in entries}
    for sym in extra_symbols:
        if sym not in known:  # a day cites something this list lacks: add a stub
            known.add(sym)
            entries.append(("Văn bản", sym, "", "", f"Văn bản số {sym}", []))
    for loai, sym, ngay, co_quan, trich_yeu, names in entries:
        out += ["", "[[van_ban]]", f"loai = {toml_str(loai)}", f"so_ky_hieu = {toml_str(sym)}",
                f"ten_goi = {toml_list(names)}", f"trich_yeu = {toml_str(trich_yeu)}",
                f"ngay = {toml_str(ngay)}", f"co_quan = {toml_str(co_quan)}",
                f"tom_tat = {toml_str(trich_yeu + '.')}", 'hieu_luc = "Còn hiệu lực"']
    return "\n".join(out) + "\n", len(entries)


def ward_name(site_text):
    m = re.search(r'^ten\s*=\s*"([^"]*)"', site_text, re.M)
    return m.group(1) if m else "Lưu Kiếm"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="news items and plans to write (N of each)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=42, help="the anchor's default is 42")
    ap.add_argument("--plans", type=int, default=None,
                    help="plans to write (default N); 0 gives exactly the anchor's N pages as news, "
                         "which is what bench/compare.py builds with loa, Hugo and Zola")
    ap.add_argument("--anchors", default=os.environ.get("BENCH_ANCHORS", DEFAULT_ANCHORS),
                    help="folder holding the anchor gen.py")
    a = ap.parse_args()
    if a.n < 1:
        ap.error("N must be at least 1")
    plans = a.n if a.plans is None else a.plans

    anchor, anchor_src = load_anchor(a.anchors)
    out = os.path.abspath(a.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)

    with open(os.path.join(REPO, "site.toml"), encoding="utf-8") as f:
        site_text = f.read()
    with open(os.path.join(REPO, "data", "days.toml"), encoding="utf-8") as f:
        days_text = f.read()
    write(os.path.join(out, "site.toml"), site_text)
    write(os.path.join(out, "data", "days.toml"), days_text)
    # The files site.toml names (the logo since issue #16).
    for named in ["data/logo.svg"]:
        if os.path.exists(os.path.join(REPO, named)) and named in site_text:
            os.makedirs(os.path.dirname(os.path.join(out, named)), exist_ok=True)
            shutil.copy2(os.path.join(REPO, named), os.path.join(out, named))
    write(os.path.join(out, "data", "units.toml"), units_toml())
    legal_text, legal_count = legal_toml(days_policies(days_text))
    write(os.path.join(out, "data", "legal.toml"), legal_text)
    ward = ward_name(site_text)

    # News: the anchor's stream, consumed exactly as gen.make_site does.
    rng = random.Random(a.seed)
    news_words = 0
    for i in range(1, a.n + 1):
        title = f"Bài {i}: " + anchor.sentence(rng, 4, 9).rstrip(".")
        tags = rng.sample(anchor.TAG_POOL, 3)
        body = anchor.body(rng, i, False, "zola")
        news_words += len(body.split())
        date = spread_date(i, a.n)
        front = "\n".join(["+++", f"tieu_de = {toml_str(title)}", f'ngay = "{date.isoformat()}"',
                           f"the = {toml_list(tags)}", "+++"]) + "\n"
        write(os.path.join(out, "content", "news", f"{date.isoformat()}-bai-{i:05d}.md"),
              front + "\n" + body)

    # Plans: their own stream.
    prng = random.Random(int(hashlib.sha256(f"loa-plans-{a.seed}".encode()).hexdigest()[:16], 16))
    unit_by_id = {u[0]: u for u in UNITS}
    plan_words = []
    for i in range(1, plans + 1):
        slug, text, words = make_plan(prng, i, plans, ward, unit_by_id)
        plan_words.append(words)
        write(os.path.join(out, "content", "plans", slug + ".md"), text)

    print(f"gen_ward: {out}: {a.n} news (avg {news_words / a.n:.0f} words, text from {anchor_src}), "
          f"{plans} plans (words min {min(plan_words, default=0)} "
          f"avg {sum(plan_words) / max(plans, 1):.0f} max {max(plan_words, default=0)}), {len(UNITS)} units, {legal_count} legal documents, seed {a.seed}")


if __name__ == "__main__":
    main()
