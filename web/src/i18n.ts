// Every string of the console in Vietnamese (the default) and English, and the formatting of
// dates, numbers and money per language. A key missing from one language fails `tsc`.
const vi = {
  appName: 'Hải quan',
  signIn: 'Đăng nhập',
  signOut: 'Đăng xuất',
  userName: 'Tên đăng nhập',
  password: 'Mật khẩu',
  signInFailed: 'Sai tên đăng nhập hoặc mật khẩu',
  language: 'Ngôn ngữ',
  navQueues: 'Hàng đợi tờ khai',
  navDashboard: 'Tổng quan',
  navRules: 'Quy tắc rủi ro',
  navMyProfile: 'Hồ sơ doanh nghiệp',
  loading: 'Đang tải…',
  error: 'Lỗi',
  notFound: 'Không tìm thấy',
  notFoundText: 'Không có trang hoặc hồ sơ này, hoặc bạn không được xem.',
  forbidden: 'Vai trò của bạn không được xem trang này.',
  back: 'Quay lại',
  save: 'Lưu',
  cancel: 'Huỷ',
  create: 'Tạo',
  loadMore: 'Xem thêm',
  noResults: 'Không có kết quả',
  all: 'Tất cả',
  filter: 'Lọc',
  reset: 'Xoá lọc',
  lane: 'Luồng',
  laneGreen: 'Xanh',
  laneYellow: 'Vàng',
  laneRed: 'Đỏ',
  status: 'Trạng thái',
  status_received: 'Đã tiếp nhận',
  status_released: 'Đã thông quan',
  status_awaiting_documents: 'Chờ kiểm tra hồ sơ',
  status_awaiting_inspection: 'Chờ kiểm tra thực tế',
  status_held: 'Tạm giữ',
  queueInspection: 'Kiểm tra thực tế',
  queueDocuments: 'Kiểm tra hồ sơ',
  queueAll: 'Tất cả tờ khai',
  trader: 'Mã số thuế DN',
  from: 'Từ ngày',
  to: 'Đến ngày',
  id: 'Số',
  reference: 'Số tham chiếu',
  type: 'Loại hình',
  type_IM: 'Nhập khẩu',
  type_EX: 'Xuất khẩu',
  type_TR: 'Quá cảnh',
  office: 'Chi cục',
  declarant: 'Người khai',
  importer: 'Người nhập khẩu',
  exporter: 'Người xuất khẩu',
  value: 'Trị giá',
  items: 'Hàng hoá',
  itemCount: 'Số dòng hàng',
  filedAt: 'Thời điểm khai',
  score: 'Điểm rủi ro',
  declaration: 'Tờ khai',
  parties: 'Các bên',
  transport: 'Vận tải',
  transportMode: 'Phương thức',
  conveyance: 'Phương tiện',
  departureCountry: 'Nước xuất phát',
  loadingPlace: 'Nơi xếp hàng',
  dischargePlace: 'Nơi dỡ hàng',
  invoice: 'Hoá đơn',
  incoterm: 'Điều kiện giao hàng',
  hsCode: 'Mã HS',
  description: 'Mô tả',
  origin: 'Xuất xứ',
  quantity: 'Số lượng',
  netMass: 'Khối lượng tịnh (kg)',
  grossMass: 'Khối lượng cả bì (kg)',
  reasons: 'Lý do phân luồng',
  reasonsRules: 'Quy tắc rủi ro áp dụng',
  reasonsModel: 'Đóng góp của mô hình',
  reasonsProfile: 'Cảnh báo hồ sơ doanh nghiệp',
  reasonsOther: 'Lý do khác',
  noReasons: 'Không có lý do nào: luồng mặc định.',
  inspections: 'Kết quả kiểm tra',
  noInspections: 'Chưa có kết quả kiểm tra.',
  recordFinding: 'Ghi nhận kết quả kiểm tra',
  outcome: 'Kết quả',
  outcome_compliant: 'Phù hợp',
  outcome_discrepancy: 'Có sai lệch',
  outcome_seizure: 'Thu giữ',
  revenueAdjustment: 'Số thuế điều chỉnh',
  officer: 'Cán bộ',
  releaseAfter: 'Sau kiểm tra',
  releaseDefault: 'Theo kết quả (phù hợp/sai lệch: thông quan; thu giữ: tạm giữ)',
  releaseYes: 'Thông quan',
  releaseNo: 'Tạm giữ',
  findingSaved: 'Đã ghi nhận kết quả kiểm tra.',
  recordedAt: 'Thời điểm ghi',
  resultingStatus: 'Trạng thái sau',
  profile: 'Hồ sơ doanh nghiệp',
  enterprise: 'Doanh nghiệp',
  name: 'Tên',
  address: 'Địa chỉ',
  registered: 'Ngày đăng ký',
  aeo: 'Doanh nghiệp ưu tiên (AEO)',
  yes: 'Có',
  no: 'Không',
  declarations: 'Tờ khai',
  firstFiled: 'Khai lần đầu',
  lastFiled: 'Khai gần nhất',
  violations: 'Vi phạm',
  warnings: 'Cảnh báo',
  noWarnings: 'Không có cảnh báo.',
  warnViolations: '{n} lần kiểm tra phát hiện vi phạm trên {m} lần kiểm tra',
  warnRedShare: 'Tỷ lệ luồng đỏ {p}, cao hơn mức 5%',
  warnProvisional: 'Doanh nghiệp đăng ký tạm, chưa xác minh',
  warnStatus: 'Trạng thái doanh nghiệp: {s}',
  historyByMonth: 'Tờ khai theo tháng và luồng',
  chapters: 'Chương HS (số dòng hàng)',
  origins: 'Xuất xứ (số dòng hàng)',
  findings: 'Kết quả kiểm tra',
  unitValues: 'Đơn giá thường gặp',
  median: 'Trung vị',
  usualRange: 'Khoảng thường gặp',
  count: 'Số lần',
  recentDeclarations: 'Tờ khai gần đây',
  rules: 'Quy tắc rủi ro',
  newRule: 'Quy tắc mới',
  editRule: 'Sửa quy tắc',
  code: 'Mã',
  field: 'Trường',
  operator: 'Phép so sánh',
  values: 'Giá trị (cách nhau bởi dấu phẩy)',
  weight: 'Trọng số',
  laneNone: '(chỉ cộng điểm)',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hiệu lực đến',
  active: 'Đang áp dụng',
  retired: 'Đã ngừng',
  retire: 'Ngừng áp dụng',
  reactivate: 'Áp dụng lại',
  history: 'Lịch sử',
  version: 'Phiên bản',
  updatedAt: 'Cập nhật lúc',
  updatedBy: 'Người cập nhật',
  ruleSaved: 'Đã lưu quy tắc.',
  showRetired: 'Hiện quy tắc đã ngừng',
  dashboard: 'Tổng quan',
  period: 'Khoảng thời gian',
  lastDays: '{n} ngày gần nhất',
  lanesPerDay: 'Phân luồng theo ngày',
  laneShare: 'Tỷ lệ các luồng',
  queueSizes: 'Hàng đợi hiện tại',
  totalDeclarations: 'Tổng số tờ khai',
  redShare: 'Tỷ lệ luồng đỏ',
  hitRate: 'Tỷ lệ phát hiện vi phạm khi kiểm tra',
  hitRates: 'Tỷ lệ phát hiện theo luồng',
  topReasons: 'Lý do phân luồng thường gặp nhất (số tờ khai)',
  seizuresByCategory: 'Vụ bắt giữ theo loại hàng',
  seizuresLater: 'Sẽ có khi API thu giữ (vụ việc, đối tượng, doanh nghiệp vi phạm) được đưa vào hoạt động.',
  conflict: 'Bản ghi đã bị người khác thay đổi; hãy tải lại.',
  invalid: 'Dữ liệu không hợp lệ',
  sessionExpired: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.',
  role_officer: 'Cán bộ hải quan',
  role_analyst: 'Chuyên viên phân tích rủi ro',
  role_investigator: 'Điều tra viên',
  role_supervisor: 'Lãnh đạo',
  role_manager: 'Quản lý',
  role_administrator: 'Quản trị hệ thống',
  role_trader: 'Doanh nghiệp',
  role_api_client: 'Ứng dụng kết nối',
  menu: 'Trình đơn',
  entStatus_active: 'Đang hoạt động',
  entStatus_suspended: 'Tạm ngừng',
  entStatus_dissolved: 'Đã giải thể',
  entStatus_tax_debt: 'Nợ thuế',
} as const;

export type MessageKey = keyof typeof vi;
type Messages = Record<MessageKey, string>;

const en: Messages = {
  appName: 'Haiquan',
  signIn: 'Sign in',
  signOut: 'Sign out',
  userName: 'User name',
  password: 'Password',
  signInFailed: 'Wrong user name or password',
  language: 'Language',
  navQueues: 'Declaration queues',
  navDashboard: 'Dashboard',
  navRules: 'Risk rules',
  navMyProfile: 'Trader profile',
  loading: 'Loading…',
  error: 'Error',
  notFound: 'Not found',
  notFoundText: 'No such page or record, or you may not see it.',
  forbidden: 'Your role may not see this page.',
  back: 'Back',
  save: 'Save',
  cancel: 'Cancel',
  create: 'Create',
  loadMore: 'Load more',
  noResults: 'No results',
  all: 'All',
  filter: 'Filter',
  reset: 'Clear filters',
  lane: 'Lane',
  laneGreen: 'Green',
  laneYellow: 'Yellow',
  laneRed: 'Red',
  status: 'Status',
  status_received: 'Received',
  status_released: 'Released',
  status_awaiting_documents: 'Awaiting document check',
  status_awaiting_inspection: 'Awaiting inspection',
  status_held: 'Held',
  queueInspection: 'Physical inspection',
  queueDocuments: 'Document check',
  queueAll: 'All declarations',
  trader: 'Trader tax id',
  from: 'From',
  to: 'To',
  id: 'No.',
  reference: 'Reference',
  type: 'Type',
  type_IM: 'Import',
  type_EX: 'Export',
  type_TR: 'Transit',
  office: 'Office',
  declarant: 'Declarant',
  importer: 'Importer',
  exporter: 'Exporter',
  value: 'Value',
  items: 'Goods items',
  itemCount: 'Items',
  filedAt: 'Filed at',
  score: 'Risk score',
  declaration: 'Declaration',
  parties: 'Parties',
  transport: 'Transport',
  transportMode: 'Mode',
  conveyance: 'Conveyance',
  departureCountry: 'Departure country',
  loadingPlace: 'Place of loading',
  dischargePlace: 'Place of discharge',
  invoice: 'Invoice',
  incoterm: 'Incoterm',
  hsCode: 'HS code',
  description: 'Description',
  origin: 'Origin',
  quantity: 'Quantity',
  netMass: 'Net mass (kg)',
  grossMass: 'Gross mass (kg)',
  reasons: 'Reasons for the lane',
  reasonsRules: 'Risk rules hit',
  reasonsModel: 'Model contributions',
  reasonsProfile: 'Trader profile warnings',
  reasonsOther: 'Other reasons',
  noReasons: 'No reasons: the default lane.',
  inspections: 'Inspection findings',
  noInspections: 'No findings recorded yet.',
  recordFinding: 'Record inspection finding',
  outcome: 'Outcome',
  outcome_compliant: 'Compliant',
  outcome_discrepancy: 'Discrepancy',
  outcome_seizure: 'Seizure',
  revenueAdjustment: 'Revenue adjustment',
  officer: 'Officer',
  releaseAfter: 'Afterwards',
  releaseDefault: 'By outcome (compliant/discrepancy: release; seizure: hold)',
  releaseYes: 'Release',
  releaseNo: 'Hold',
  findingSaved: 'Inspection finding recorded.',
  recordedAt: 'Recorded at',
  resultingStatus: 'Resulting status',
  profile: 'Trader profile',
  enterprise: 'Enterprise',
  name: 'Name',
  address: 'Address',
  registered: 'Registered',
  aeo: 'Authorised economic operator',
  yes: 'Yes',
  no: 'No',
  declarations: 'Declarations',
  firstFiled: 'First filed',
  lastFiled: 'Last filed',
  violations: 'Violations',
  warnings: 'Warnings',
  noWarnings: 'No warnings.',
  warnViolations: '{n} violations found in {m} inspections',
  warnRedShare: 'Red lane share {p}, above 5%',
  warnProvisional: 'Provisionally registered, not verified',
  warnStatus: 'Enterprise status: {s}',
  historyByMonth: 'Declarations by month and lane',
  chapters: 'HS chapters (goods items)',
  origins: 'Origins (goods items)',
  findings: 'Inspection findings',
  unitValues: 'Usual unit values',
  median: 'Median',
  usualRange: 'Usual range',
  count: 'Count',
  recentDeclarations: 'Recent declarations',
  rules: 'Risk rules',
  newRule: 'New rule',
  editRule: 'Change rule',
  code: 'Code',
  field: 'Field',
  operator: 'Operator',
  values: 'Values (comma separated)',
  weight: 'Weight',
  laneNone: '(adds to the score)',
  validFrom: 'Valid from',
  validTo: 'Valid to',
  active: 'In force',
  retired: 'Retired',
  retire: 'Retire',
  reactivate: 'Put back in force',
  history: 'History',
  version: 'Version',
  updatedAt: 'Updated at',
  updatedBy: 'Updated by',
  ruleSaved: 'Rule saved.',
  showRetired: 'Show retired rules',
  dashboard: 'Dashboard',
  period: 'Period',
  lastDays: 'Last {n} days',
  lanesPerDay: 'Lanes per day',
  laneShare: 'Lane shares',
  queueSizes: 'Queues now',
  totalDeclarations: 'Declarations',
  redShare: 'Red lane share',
  hitRate: 'Inspections that found something',
  hitRates: 'Hit rates by lane',
  topReasons: 'Most frequent reasons (declarations)',
  seizuresByCategory: 'Seizures by category',
  seizuresLater: 'Arrives with the enforcement API (seizures, suspects, offending companies).',
  conflict: 'Someone else changed this record; reload it.',
  invalid: 'Invalid input',
  sessionExpired: 'Your session has ended; sign in again.',
  role_officer: 'Customs officer',
  role_analyst: 'Risk analyst',
  role_investigator: 'Investigator',
  role_supervisor: 'Supervisor',
  role_manager: 'Manager',
  role_administrator: 'Administrator',
  role_trader: 'Trader',
  role_api_client: 'API client',
  menu: 'Menu',
  entStatus_active: 'Active',
  entStatus_suspended: 'Suspended',
  entStatus_dissolved: 'Dissolved',
  entStatus_tax_debt: 'Tax debt',
};

export type Lang = 'vi' | 'en';
const catalogs: Record<Lang, Messages> = { vi, en };
const locales: Record<Lang, string> = { vi: 'vi-VN', en: 'en-GB' };

let current: Lang = (localStorage.getItem('hq.lang') as Lang | null) === 'en' ? 'en' : 'vi';

export function lang(): Lang {
  return current;
}

export function setLang(l: Lang): void {
  current = l;
  localStorage.setItem('hq.lang', l);
  document.documentElement.lang = l;
}

export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  let s = catalogs[current][key];
  for (const [k, v] of Object.entries(params)) s = s.replace(`{${k}}`, String(v));
  return s;
}

// A key built from data (a status, a role): falls back to the raw value if unknown.
export function tk(prefix: string, value: string): string {
  const key = `${prefix}${value}` as MessageKey;
  return key in catalogs[current] ? t(key) : value;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function fmt<T extends Intl.NumberFormat | Intl.DateTimeFormat>(id: string, make: () => T): T {
  const k = `${current}|${id}`;
  let f = cache.get(k);
  if (!f) {
    f = make();
    cache.set(k, f);
  }
  return f as T;
}

export function fmtNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '–';
  return fmt(`n${digits}`, () =>
    new Intl.NumberFormat(locales[current], { maximumFractionDigits: digits, minimumFractionDigits: 0 }),
  ).format(n);
}

export function fmtPercent(n: number): string {
  return fmt('pct', () => new Intl.NumberFormat(locales[current], { style: 'percent', maximumFractionDigits: 1 })).format(n);
}

export function fmtMoney(n: number | null | undefined, currency: string | null | undefined): string {
  if (n === null || n === undefined) return '–';
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return fmtNumber(n, 2);
  return fmt(`c${currency}`, () => new Intl.NumberFormat(locales[current], { style: 'currency', currency })).format(n);
}

export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt('dt', () => new Intl.DateTimeFormat(locales[current], { dateStyle: 'short', timeStyle: 'short' })).format(d);
}

export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return fmt('d', () => new Intl.DateTimeFormat(locales[current], { dateStyle: 'medium' })).format(d);
}

export function fmtMonth(yyyyMm: string): string {
  const d = new Date(`${yyyyMm}-01T00:00:00`);
  if (Number.isNaN(d.getTime())) return yyyyMm;
  return fmt('m', () => new Intl.DateTimeFormat(locales[current], { month: 'short', year: 'numeric' })).format(d);
}
