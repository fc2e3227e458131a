-- Benchmark data only: `how_many` made-up indicators chi_tieu_001…, spread over units, groups and flags.
-- params: how_many INTEGER
INSERT INTO indicators (code, name, unit, group_name, direction, comparable, is_focus_task, description)
SELECT 'chi_tieu_' || lpad(i::VARCHAR, 3, '0'), 'Chỉ tiêu tổng hợp số ' || i,
       ['triệu đồng', 'ha', '%', 'sản phẩm'][1 + i % 4],
       ['Kinh tế', 'Văn hóa – Xã hội', 'Quốc phòng – An ninh', 'Xây dựng chính quyền'][1 + i % 4],
       CASE WHEN i % 7 = 0 THEN 'lower' ELSE 'higher' END, i % 10 <> 0, i % 25 = 0, NULL
FROM range(1, $how_many + 1) t(i);
