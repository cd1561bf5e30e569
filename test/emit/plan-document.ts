/** A Decree 30 plan written cleanly (header with motto, lettered items, nested -/+ lists, Markdown-like text), converted without restoration. */
import { convert } from '../../src/pipeline/index.js';
import type { DocumentResult } from '../../src/core/schema.js';
import { documentJson } from '../../src/emit/json.js';

export const PLAN_TEXT = `ỦY BAN NHÂN DÂN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
HUYỆN ĐÔNG SƠN                          Độc lập - Tự do - Hạnh phúc

Số: 45/KH-UBND                    Đông Sơn, ngày 05 tháng 02 năm 2024

KẾ HOẠCH
Triển khai công tác chuyển đổi số năm 2024

Căn cứ Quyết định số 12/QĐ-UBND ngày 10/01/2024 của UBND tỉnh;

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

a) Nâng cao nhận thức của cán bộ, công chức về chuyển đổi số.

- Tổ chức tập huấn cho cán bộ cấp xã;

+ Mỗi xã cử 02 cán bộ tham dự;

+ Kinh phí do ngân sách huyện bảo đảm.

- Tuyên truyền trên hệ thống loa truyền thanh.

b) Bảo đảm an toàn thông tin | dữ liệu *quan trọng* [mức 2].

2. Yêu cầu

Các cơ quan, đơn vị triển khai nghiêm túc, đúng tiến độ.

II. TỔ CHỨC THỰC HIỆN

Văn phòng HĐND và UBND huyện theo dõi, đôn đốc việc thực hiện Kế hoạch này.

Nơi nhận:
- UBND tỉnh (b/c);
- Các xã, thị trấn;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH

Nguyễn Văn An
`;

export async function planDocument(): Promise<DocumentResult> {
  const result = await convert({ path: 'ke-hoach.txt', data: new TextEncoder().encode(PLAN_TEXT) }, { restore: false });
  return documentJson(result).result;
}
