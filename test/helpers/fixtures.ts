/** Plain test data, free of any I/O, for unit and integration tests alike. */
import type { UnitProfile } from '../../main/domain/profile';

/** A complete, valid profile: every required field set, every value well-formed. */
export const VALID_PROFILE: UnitProfile = {
  unitName: '某某区大数据发展管理局',
  uscc: '91110000600037341L',
  unitType: '机关',
  competentDepartment: '某某区人民政府',
  address: '某某市某某区人民路1号',
  officerName: '张三',
  officerTitle: '副局长',
  officerPhone: '13800138000',
  officerEmail: 'zhangsan@example.gov.cn',
  managementBody: '网络与数据安全科',
  preparerName: '李四',
  preparerPhone: '010-62345678',
  filingKind: '首次报送',
  filingDate: '2026-01-05',
};
