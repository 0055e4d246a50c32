/**
 * The columns of the spreadsheet template: one table that drives the xlsx sheets, the CSV
 * header, the `Read me` sheet, the importer and docs/spreadsheet.md, so that a column can
 * never exist in one place and not another.
 *
 * A column key is the dotted path of the field in the passport, relative to the thing a row
 * describes (`classification.system` on an element, `endOfLife.recycle` on a material use);
 * building fields carry their full path (`building.ref`). Keys are machine-stable: labels may
 * be reworded, keys never renamed.
 */
import {
  ACCESSIBILITIES,
  BUILDING_USES,
  CONNECTION_TYPES,
  INTERSECTIONS,
  LAYERS,
  MASS_SOURCES,
  PRODUCT_EDGES,
} from '../../core/vocab.ts';

/**
 * How a cell is read: `text` verbatim (whitespace-only counts as empty), `code` trimmed
 * (ids, CAS, EWC, URLs), `enum` trimmed and matched case-insensitively to `values`,
 * `number`/`int` by {@link parseNumber}, `fraction` like number but also accepting `75%`.
 */
export type ColumnType = 'text' | 'code' | 'enum' | 'number' | 'int' | 'fraction';

export interface ColumnSpec {
  /** Machine-stable key; also the field's path (dotted) below the row's object. */
  key: string;
  type: ColumnType;
  /** Allowed values of an `enum` column. */
  values?: readonly string[];
  /** Unit of a numeric column, e.g. `kg`, `m3`, `years`, `0–1`. */
  unit?: string;
  required?: boolean;
  /** Short labels (the template's label row). */
  en: string;
  vi: string;
  /** One-line descriptions (the `Read me` sheet and docs). */
  helpEn: string;
  helpVi: string;
  /** A date cell is a value here (written as ISO 8601); elsewhere it is an error. */
  acceptsDate?: boolean;
  /** xlsx: a hyperlink cell gives its link address, not the text it shows. */
  link?: boolean;
}

const PASSPORT_KINDS = ['manual', 'ifc', 'xlsx', 'csv', 'demo'] as const;

/** Rows of the `Building` sheet (key/value) and the `building.*`/`source.*` CSV columns. */
export const BUILDING_FIELDS: readonly ColumnSpec[] = [
  {
    key: 'building.ref',
    type: 'code',
    required: true,
    en: 'Building reference',
    vi: 'Mã công trình',
    helpEn: 'Public identifier, unique per city, e.g. HN-2026-000123.',
    helpVi: 'Mã định danh công khai, duy nhất trong thành phố, ví dụ HN-2026-000123.',
  },
  {
    key: 'building.name',
    type: 'text',
    en: 'Name',
    vi: 'Tên công trình',
    helpEn: 'Name of the building.',
    helpVi: 'Tên của công trình.',
  },
  {
    key: 'building.address',
    type: 'text',
    en: 'Address',
    vi: 'Địa chỉ',
    helpEn: 'Street address.',
    helpVi: 'Địa chỉ (số nhà, đường).',
  },
  {
    key: 'building.ward',
    type: 'text',
    en: 'Ward',
    vi: 'Phường/xã',
    helpEn: 'Ward (phường/xã).',
    helpVi: 'Phường hoặc xã.',
  },
  {
    key: 'building.district',
    type: 'text',
    en: 'District',
    vi: 'Quận/huyện',
    helpEn: 'District (quận/huyện).',
    helpVi: 'Quận hoặc huyện.',
  },
  {
    key: 'building.city',
    type: 'text',
    en: 'City',
    vi: 'Tỉnh/thành phố',
    helpEn: 'City or province, e.g. Hà Nội.',
    helpVi: 'Tỉnh hoặc thành phố, ví dụ Hà Nội.',
  },
  {
    key: 'building.country',
    type: 'code',
    en: 'Country',
    vi: 'Quốc gia',
    helpEn: 'ISO 3166-1 alpha-2 code, e.g. VN, NL.',
    helpVi: 'Mã ISO 3166-1 hai chữ cái, ví dụ VN, NL.',
  },
  {
    key: 'building.location.lat',
    type: 'number',
    unit: '°',
    en: 'Latitude',
    vi: 'Vĩ độ',
    helpEn: 'WGS 84 latitude, −90 to 90 (give with longitude).',
    helpVi: 'Vĩ độ WGS 84, từ −90 đến 90 (nhập cùng kinh độ).',
  },
  {
    key: 'building.location.lon',
    type: 'number',
    unit: '°',
    en: 'Longitude',
    vi: 'Kinh độ',
    helpEn: 'WGS 84 longitude, −180 to 180 (give with latitude).',
    helpVi: 'Kinh độ WGS 84, từ −180 đến 180 (nhập cùng vĩ độ).',
  },
  {
    key: 'building.use',
    type: 'enum',
    values: BUILDING_USES,
    en: 'Use',
    vi: 'Công năng',
    helpEn: 'What the building is used for.',
    helpVi: 'Công năng sử dụng của công trình.',
  },
  {
    key: 'building.grossFloorAreaM2',
    type: 'number',
    unit: 'm2',
    en: 'Gross floor area (m²)',
    vi: 'Tổng diện tích sàn (m²)',
    helpEn: 'Gross floor area, > 0.',
    helpVi: 'Tổng diện tích sàn xây dựng, > 0.',
  },
  {
    key: 'building.storeys',
    type: 'int',
    en: 'Storeys',
    vi: 'Số tầng',
    helpEn: 'Number of storeys, a whole number ≥ 0.',
    helpVi: 'Số tầng, số nguyên ≥ 0.',
  },
  {
    key: 'building.constructionYear',
    type: 'int',
    unit: 'year',
    en: 'Construction year',
    vi: 'Năm xây dựng',
    helpEn: 'Year of construction (1000–3000).',
    helpVi: 'Năm xây dựng (1000–3000).',
  },
  {
    key: 'building.designLifeYears',
    type: 'number',
    unit: 'years',
    en: 'Design life (years)',
    vi: 'Tuổi thọ thiết kế (năm)',
    helpEn: 'Design life of the building, > 0.',
    helpVi: 'Tuổi thọ thiết kế của công trình, > 0.',
  },
  {
    key: 'source.kind',
    type: 'enum',
    values: PASSPORT_KINDS,
    en: 'Source kind',
    vi: 'Loại nguồn dữ liệu',
    helpEn:
      'Where the passport data first came from. Leave empty: the import fills in xlsx or csv.',
    helpVi: 'Nguồn gốc ban đầu của dữ liệu. Để trống: khi nhập sẽ tự điền xlsx hoặc csv.',
  },
  {
    key: 'source.file',
    type: 'text',
    en: 'Source file',
    vi: 'Tệp nguồn',
    helpEn: 'File the data came from.',
    helpVi: 'Tệp chứa dữ liệu gốc.',
  },
  {
    key: 'source.schema',
    type: 'code',
    en: 'IFC schema',
    vi: 'Lược đồ IFC',
    helpEn: 'IFC schema of the source model, e.g. IFC4.',
    helpVi: 'Lược đồ IFC của mô hình gốc, ví dụ IFC4.',
  },
  {
    key: 'source.application',
    type: 'text',
    en: 'Application',
    vi: 'Phần mềm tạo',
    helpEn: 'Software that made the source.',
    helpVi: 'Phần mềm đã tạo dữ liệu gốc.',
  },
  {
    key: 'source.importedAt',
    type: 'code',
    acceptsDate: true,
    en: 'Imported at',
    vi: 'Thời điểm nhập',
    helpEn: 'When the source was imported (ISO 8601).',
    helpVi: 'Thời điểm nhập dữ liệu gốc (ISO 8601).',
  },
];

/** Columns of the `Elements` sheet (and, prefixed `element.`, of the CSV). */
export const ELEMENT_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'id',
    type: 'code',
    required: true,
    en: 'Element id',
    vi: 'Mã cấu kiện',
    helpEn: 'Unique id of the element in this passport, e.g. e-1.',
    helpVi: 'Mã duy nhất của cấu kiện trong hộ chiếu, ví dụ e-1.',
  },
  {
    key: 'name',
    type: 'text',
    en: 'Element name',
    vi: 'Tên cấu kiện',
    helpEn: 'e.g. External wall, level 1.',
    helpVi: 'Ví dụ: Tường ngoài, tầng 1.',
  },
  {
    key: 'layer',
    type: 'enum',
    values: LAYERS,
    required: true,
    en: 'Layer',
    vi: 'Lớp công trình',
    helpEn: "Brand's shearing layer.",
    helpVi: 'Lớp công trình theo Brand (shearing layers).',
  },
  {
    key: 'ifcClass',
    type: 'code',
    en: 'IFC class',
    vi: 'Lớp IFC',
    helpEn: 'e.g. IfcWall.',
    helpVi: 'Ví dụ IfcWall.',
  },
  {
    key: 'ifcGlobalId',
    type: 'code',
    en: 'IFC GlobalId',
    vi: 'GlobalId IFC',
    helpEn: 'GlobalId of the element in the IFC model.',
    helpVi: 'GlobalId của cấu kiện trong mô hình IFC.',
  },
  {
    key: 'storey',
    type: 'text',
    en: 'Storey',
    vi: 'Tầng',
    helpEn: 'Storey or level name.',
    helpVi: 'Tên tầng hoặc cao độ.',
  },
  {
    key: 'classification.system',
    type: 'code',
    en: 'Classification system',
    vi: 'Hệ phân loại',
    helpEn: 'e.g. NL-SfB, Uniclass2015, OmniClass (give with the code).',
    helpVi: 'Ví dụ NL-SfB, Uniclass2015, OmniClass (nhập cùng mã).',
  },
  {
    key: 'classification.code',
    type: 'code',
    en: 'Classification code',
    vi: 'Mã phân loại',
    helpEn: 'e.g. 21.12.',
    helpVi: 'Ví dụ 21.12.',
  },
  {
    key: 'classification.name',
    type: 'text',
    en: 'Classification name',
    vi: 'Tên phân loại',
    helpEn: 'Name of the class (optional).',
    helpVi: 'Tên nhóm phân loại (không bắt buộc).',
  },
  {
    key: 'lifespanYears',
    type: 'number',
    unit: 'years',
    en: 'Lifespan (years)',
    vi: 'Tuổi thọ (năm)',
    helpEn: 'Expected lifespan of the element, > 0.',
    helpVi: 'Tuổi thọ dự kiến của cấu kiện, > 0.',
  },
  {
    key: 'industryAverageLifespanYears',
    type: 'number',
    unit: 'years',
    en: 'Industry-average lifespan (years)',
    vi: 'Tuổi thọ trung bình ngành (năm)',
    helpEn: 'Industry-average lifespan for its kind, > 0.',
    helpVi: 'Tuổi thọ trung bình của ngành cho loại cấu kiện này, > 0.',
  },
  {
    key: 'detachability.connectionType',
    type: 'enum',
    values: CONNECTION_TYPES,
    en: 'Connection type',
    vi: 'Loại liên kết',
    helpEn: 'Detachability: type of connection (all four factors or none).',
    helpVi: 'Khả năng tháo rời: loại liên kết (nhập đủ bốn yếu tố hoặc để trống cả bốn).',
  },
  {
    key: 'detachability.accessibility',
    type: 'enum',
    values: ACCESSIBILITIES,
    en: 'Accessibility',
    vi: 'Khả năng tiếp cận',
    helpEn: 'Detachability: accessibility of the connection.',
    helpVi: 'Khả năng tháo rời: khả năng tiếp cận liên kết.',
  },
  {
    key: 'detachability.intersection',
    type: 'enum',
    values: INTERSECTIONS,
    en: 'Intersection',
    vi: 'Mức giao cắt',
    helpEn: 'Detachability: intersection with other elements.',
    helpVi: 'Khả năng tháo rời: mức giao cắt với cấu kiện khác.',
  },
  {
    key: 'detachability.productEdge',
    type: 'enum',
    values: PRODUCT_EDGES,
    en: 'Product edge',
    vi: 'Biên sản phẩm',
    helpEn: 'Detachability: form of the product edge.',
    helpVi: 'Khả năng tháo rời: hình dạng biên sản phẩm.',
  },
  {
    key: 'product.name',
    type: 'text',
    en: 'Product name',
    vi: 'Tên sản phẩm',
    helpEn: 'Commercial product name.',
    helpVi: 'Tên thương mại của sản phẩm.',
  },
  {
    key: 'product.manufacturer',
    type: 'text',
    en: 'Manufacturer',
    vi: 'Nhà sản xuất',
    helpEn: 'Manufacturer of the product.',
    helpVi: 'Nhà sản xuất sản phẩm.',
  },
  {
    key: 'product.gtin',
    type: 'code',
    en: 'GTIN',
    vi: 'Mã GTIN',
    helpEn: 'GTIN of 8, 12, 13 or 14 digits (type as text to keep leading zeros).',
    helpVi: 'Mã GTIN gồm 8, 12, 13 hoặc 14 chữ số (nhập dạng văn bản để giữ số 0 đầu).',
  },
  {
    key: 'product.dppUrl',
    type: 'code',
    link: true,
    en: 'Digital product passport URL',
    vi: 'Liên kết hộ chiếu sản phẩm số',
    helpEn: 'URL of the EU digital product passport.',
    helpVi: 'Địa chỉ URL của hộ chiếu sản phẩm số (DPP) EU.',
  },
];

/** Columns of the `Materials` sheet that link a row to its element (xlsx only). */
export const MATERIAL_LINK_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'elementId',
    type: 'code',
    required: true,
    en: 'Element id',
    vi: 'Mã cấu kiện',
    helpEn: 'Id of the element (sheet Elements) this material use belongs to.',
    helpVi: 'Mã cấu kiện (trang Elements) chứa vật liệu này.',
  },
  {
    key: 'materialRef',
    type: 'code',
    en: 'Material reference',
    vi: 'Mã tham chiếu vật liệu',
    helpEn: 'Optional key, unique in the sheet, that Substances rows may point to.',
    helpVi: 'Mã tùy chọn, duy nhất trong trang, để các dòng Substances tham chiếu.',
  },
];

/** Columns of a material use: the `Materials` sheet after the link columns; `material.*` in CSV. */
export const MATERIAL_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'materialId',
    type: 'code',
    en: 'Library material id',
    vi: 'Mã vật liệu thư viện',
    helpEn: 'Id in the materials library, e.g. concrete-c30-37. Leave empty to match by name.',
    helpVi: 'Mã trong thư viện vật liệu, ví dụ concrete-c30-37. Để trống để tự khớp theo tên.',
  },
  {
    key: 'name',
    type: 'text',
    en: 'Material name',
    vi: 'Tên vật liệu',
    helpEn: 'Name as you know it (any language); required when materialId is empty.',
    helpVi: 'Tên vật liệu (ngôn ngữ bất kỳ); bắt buộc khi để trống mã vật liệu.',
  },
  {
    key: 'massKg',
    type: 'number',
    unit: 'kg',
    en: 'Mass (kg)',
    vi: 'Khối lượng (kg)',
    helpEn: 'Mass, ≥ 0. Empty: computed as volume × density.',
    helpVi: 'Khối lượng, ≥ 0. Để trống: tính bằng thể tích × khối lượng riêng.',
  },
  {
    key: 'volumeM3',
    type: 'number',
    unit: 'm3',
    en: 'Volume (m³)',
    vi: 'Thể tích (m³)',
    helpEn: 'Volume, ≥ 0.',
    helpVi: 'Thể tích, ≥ 0.',
  },
  {
    key: 'densityKgPerM3',
    type: 'number',
    unit: 'kg/m3',
    en: 'Density (kg/m³)',
    vi: 'Khối lượng riêng (kg/m³)',
    helpEn: 'Density, > 0. Empty: the library density is used.',
    helpVi: 'Khối lượng riêng, > 0. Để trống: dùng giá trị của thư viện.',
  },
  {
    key: 'thicknessM',
    type: 'number',
    unit: 'm',
    en: 'Layer thickness (m)',
    vi: 'Chiều dày lớp (m)',
    helpEn: 'Thickness of a material layer, in metres.',
    helpVi: 'Chiều dày của lớp vật liệu, tính bằng mét.',
  },
  {
    key: 'massSource',
    type: 'enum',
    values: MASS_SOURCES,
    en: 'Mass source',
    vi: 'Nguồn khối lượng',
    helpEn:
      'Where the mass came from. Empty: declared when massKg is given, netVolume when computed.',
    helpVi:
      'Nguồn của khối lượng. Để trống: declared khi nhập massKg, netVolume khi tính từ thể tích.',
  },
  {
    key: 'recycledFraction',
    type: 'fraction',
    unit: '0–1',
    en: 'Recycled content',
    vi: 'Tỷ lệ nguyên liệu tái chế',
    helpEn: 'Share of recycled feedstock, 0–1 or 0–100 %.',
    helpVi: 'Tỷ lệ nguyên liệu đầu vào tái chế, 0–1 hoặc 0–100 %.',
  },
  {
    key: 'reusedFraction',
    type: 'fraction',
    unit: '0–1',
    en: 'Reused content',
    vi: 'Tỷ lệ nguyên liệu tái sử dụng',
    helpEn: 'Share of reused feedstock, 0–1.',
    helpVi: 'Tỷ lệ nguyên liệu đầu vào tái sử dụng, 0–1.',
  },
  {
    key: 'renewableFraction',
    type: 'fraction',
    unit: '0–1',
    en: 'Renewable content',
    vi: 'Tỷ lệ nguyên liệu tái tạo',
    helpEn:
      'Share of sustainably produced renewable feedstock, 0–1. Recycled + reused + renewable ≤ 1.',
    helpVi:
      'Tỷ lệ nguyên liệu tái tạo sản xuất bền vững, 0–1. Tái chế + tái sử dụng + tái tạo ≤ 1.',
  },
  {
    key: 'endOfLife.reuse',
    type: 'fraction',
    unit: '0–1',
    en: 'End of life: reuse',
    vi: 'Cuối vòng đời: tái sử dụng',
    helpEn: 'Share reused at end of life; the four end-of-life shares sum to 1.',
    helpVi: 'Tỷ lệ được tái sử dụng khi phá dỡ; tổng bốn tỷ lệ cuối vòng đời bằng 1.',
  },
  {
    key: 'endOfLife.recycle',
    type: 'fraction',
    unit: '0–1',
    en: 'End of life: recycle',
    vi: 'Cuối vòng đời: tái chế',
    helpEn: 'Share recycled at end of life.',
    helpVi: 'Tỷ lệ được tái chế khi phá dỡ.',
  },
  {
    key: 'endOfLife.energyRecovery',
    type: 'fraction',
    unit: '0–1',
    en: 'End of life: energy recovery',
    vi: 'Cuối vòng đời: thu hồi năng lượng',
    helpEn: 'Share burnt with energy recovery.',
    helpVi: 'Tỷ lệ được đốt thu hồi năng lượng.',
  },
  {
    key: 'endOfLife.landfill',
    type: 'fraction',
    unit: '0–1',
    en: 'End of life: landfill',
    vi: 'Cuối vòng đời: chôn lấp',
    helpEn: 'Share landfilled.',
    helpVi: 'Tỷ lệ bị chôn lấp.',
  },
  {
    key: 'recyclingEfficiencyIn',
    type: 'fraction',
    unit: '0–1',
    en: 'Recycling efficiency (feedstock)',
    vi: 'Hiệu suất tái chế (đầu vào)',
    helpEn: 'Efficiency of the recycling that made the recycled feedstock (default 0.75).',
    helpVi: 'Hiệu suất của quá trình tái chế tạo ra nguyên liệu tái chế (mặc định 0,75).',
  },
  {
    key: 'recyclingEfficiencyOut',
    type: 'fraction',
    unit: '0–1',
    en: 'Recycling efficiency (end of life)',
    vi: 'Hiệu suất tái chế (cuối vòng đời)',
    helpEn: 'Efficiency of recycling the collected part (default 0.75).',
    helpVi: 'Hiệu suất tái chế phần được thu gom (mặc định 0,75).',
  },
  {
    key: 'ewcCode',
    type: 'code',
    en: 'EWC waste code',
    vi: 'Mã chất thải EWC',
    helpEn: 'European List of Waste code, e.g. 17 01 01 or 17 06 05*.',
    helpVi: 'Mã danh mục chất thải châu Âu, ví dụ 17 01 01 hoặc 17 06 05*.',
  },
  {
    key: 'gwpKgCo2ePerKg.A1A3',
    type: 'number',
    unit: 'kgCO2e/kg',
    en: 'GWP A1–A3 (kgCO2e/kg)',
    vi: 'GWP A1–A3 (kgCO2e/kg)',
    helpEn: 'Global warming potential of production.',
    helpVi: 'Tiềm năng nóng lên toàn cầu giai đoạn sản xuất.',
  },
  {
    key: 'gwpKgCo2ePerKg.C3C4',
    type: 'number',
    unit: 'kgCO2e/kg',
    en: 'GWP C3–C4 (kgCO2e/kg)',
    vi: 'GWP C3–C4 (kgCO2e/kg)',
    helpEn: 'Global warming potential of end of life.',
    helpVi: 'Tiềm năng nóng lên toàn cầu giai đoạn cuối vòng đời.',
  },
  {
    key: 'gwpKgCo2ePerKg.D',
    type: 'number',
    unit: 'kgCO2e/kg',
    en: 'GWP D (kgCO2e/kg)',
    vi: 'GWP D (kgCO2e/kg)',
    helpEn: 'Benefits beyond the system boundary (usually negative).',
    helpVi: 'Lợi ích ngoài ranh giới hệ thống (thường là số âm).',
  },
  {
    key: 'biogenicCarbonKgCPerKg',
    type: 'number',
    unit: 'kgC/kg',
    en: 'Biogenic carbon (kg C/kg)',
    vi: 'Cacbon sinh học (kg C/kg)',
    helpEn: 'Biogenic carbon content, ≥ 0.',
    helpVi: 'Hàm lượng cacbon sinh học, ≥ 0.',
  },
];

/** Columns of the `Substances` sheet (xlsx). In CSV, substances sit in one `substances` cell. */
export const SUBSTANCE_LINK_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'elementId',
    type: 'code',
    en: 'Element id',
    vi: 'Mã cấu kiện',
    helpEn: 'Element of the material use (with materialIndex).',
    helpVi: 'Cấu kiện chứa vật liệu (dùng cùng materialIndex).',
  },
  {
    key: 'materialIndex',
    type: 'int',
    en: 'Material no. in element',
    vi: 'STT vật liệu trong cấu kiện',
    helpEn:
      '1 = the first Materials row of that element, 2 = the second…; may be empty if the element has one material.',
    helpVi:
      '1 = dòng Materials đầu tiên của cấu kiện, 2 = dòng thứ hai…; có thể để trống nếu cấu kiện chỉ có một vật liệu.',
  },
  {
    key: 'materialRef',
    type: 'code',
    en: 'Material reference',
    vi: 'Mã tham chiếu vật liệu',
    helpEn: 'Instead of elementId + materialIndex: the materialRef of a Materials row.',
    helpVi: 'Thay cho elementId + materialIndex: mã materialRef của một dòng Materials.',
  },
];

/** Fields of a substance: the `Substances` sheet after the link columns; CSV `substances` parts. */
export const SUBSTANCE_COLUMNS: readonly ColumnSpec[] = [
  {
    key: 'cas',
    type: 'code',
    en: 'CAS number',
    vi: 'Số CAS',
    helpEn: 'CAS registry number, e.g. 1332-21-4.',
    helpVi: 'Số đăng ký CAS, ví dụ 1332-21-4.',
  },
  {
    key: 'ec',
    type: 'code',
    en: 'EC number',
    vi: 'Số EC',
    helpEn: 'EC number, e.g. 215-481-4.',
    helpVi: 'Số EC, ví dụ 215-481-4.',
  },
  {
    key: 'name',
    type: 'text',
    required: true,
    en: 'Substance name',
    vi: 'Tên chất',
    helpEn: 'Name of the substance, e.g. asbestos.',
    helpVi: 'Tên chất, ví dụ amiăng.',
  },
  {
    key: 'massFraction',
    type: 'fraction',
    unit: '0–1',
    en: 'Mass fraction',
    vi: 'Tỷ lệ khối lượng',
    helpEn: 'Share of the material use’s mass, 0–1 or %.',
    helpVi: 'Tỷ lệ trên khối lượng vật liệu, 0–1 hoặc %.',
  },
  {
    key: 'location',
    type: 'text',
    en: 'Location',
    vi: 'Vị trí',
    helpEn: 'Where in the element it sits.',
    helpVi: 'Vị trí của chất trong cấu kiện.',
  },
];

/** English and Vietnamese meaning of every enum value, for the `Read me` sheet and docs. */
export const VALUE_LABELS: Record<string, { en: string; vi: string }> = {
  site: { en: 'site', vi: 'khu đất' },
  structure: { en: 'structure', vi: 'kết cấu' },
  skin: { en: 'skin (envelope)', vi: 'vỏ bao che' },
  services: { en: 'services (MEP)', vi: 'hệ thống kỹ thuật' },
  spacePlan: { en: 'space plan (interior)', vi: 'bố trí không gian (nội thất cố định)' },
  stuff: { en: 'stuff (furniture)', vi: 'đồ đạc' },
  residential: { en: 'residential', vi: 'nhà ở' },
  office: { en: 'office', vi: 'văn phòng' },
  retail: { en: 'retail', vi: 'thương mại' },
  industrial: { en: 'industrial', vi: 'công nghiệp' },
  education: { en: 'education', vi: 'giáo dục' },
  healthcare: { en: 'healthcare', vi: 'y tế' },
  hotel: { en: 'hotel', vi: 'khách sạn' },
  mixed: { en: 'mixed use', vi: 'hỗn hợp' },
  other: { en: 'other', vi: 'khác' },
  dry: {
    en: 'dry (loose, click, velcro, magnetic)',
    vi: 'khô (đặt rời, khớp bấm, dán gai, nam châm)',
  },
  added: { en: 'added (bolt and nut, spring, screw)', vi: 'bổ sung (bu lông, lò xo, vít)' },
  direct: { en: 'direct (pin, peg, nail)', vi: 'trực tiếp (chốt, đinh)' },
  softChemical: { en: 'soft chemical (sealant, foam)', vi: 'hóa học mềm (keo trám, bọt)' },
  hardChemical: {
    en: 'hard chemical (glue, cast, weld, cement)',
    vi: 'hóa học cứng (keo dán, đổ liền, hàn, vữa)',
  },
  free: { en: 'freely accessible', vi: 'tiếp cận tự do' },
  noDamage: { en: 'extra actions, no damage', vi: 'cần thao tác thêm, không hư hại' },
  repairableDamage: { en: 'repairable damage', vi: 'hư hại sửa được' },
  partialDamage: { en: 'partial damage', vi: 'hư hại một phần' },
  notAccessible: { en: 'not accessible', vi: 'không tiếp cận được' },
  none: { en: 'none (modular zoning)', vi: 'không giao cắt (phân vùng mô-đun)' },
  incidental: { en: 'incidental', vi: 'giao cắt cục bộ' },
  complete: { en: 'complete', vi: 'giao cắt hoàn toàn' },
  open: { en: 'open', vi: 'hở' },
  overlapping: { en: 'overlapping', vi: 'chồng lấp' },
  closed: { en: 'closed', vi: 'kín' },
  declared: { en: 'declared (typed in)', vi: 'khai báo (nhập tay)' },
  weight: { en: 'weight from the model', vi: 'trọng lượng từ mô hình' },
  netVolume: { en: 'net volume × density', vi: 'thể tích tịnh × khối lượng riêng' },
  grossVolume: { en: 'gross volume × density', vi: 'thể tích tổng × khối lượng riêng' },
  layerThickness: {
    en: 'area × layer thickness × density',
    vi: 'diện tích × chiều dày lớp × khối lượng riêng',
  },
  geometry: { en: 'from geometry', vi: 'từ hình học' },
  profileLength: { en: 'profile length × section', vi: 'chiều dài × tiết diện' },
  estimated: { en: 'estimated', vi: 'ước tính' },
  manual: { en: 'typed by hand', vi: 'nhập tay' },
  ifc: { en: 'IFC model', vi: 'mô hình IFC' },
  xlsx: { en: 'Excel workbook', vi: 'tệp Excel' },
  csv: { en: 'CSV file', vi: 'tệp CSV' },
  demo: { en: 'demo data', vi: 'dữ liệu mẫu' },
};

/** Sheet names (machine-stable; the importer looks sheets up by these names). */
export const SHEETS = {
  readMe: 'Read me',
  building: 'Building',
  elements: 'Elements',
  materials: 'Materials',
  substances: 'Substances',
} as const;

/** Name of the CSV column that carries a material use's substances. */
export const CSV_SUBSTANCES_COLUMN = 'substances';

/** The CSV header, in order: building, source, element, material, substances. */
export function csvColumns(): string[] {
  return [
    ...BUILDING_FIELDS.map((c) => c.key),
    ...ELEMENT_COLUMNS.map((c) => `element.${c.key}`),
    ...MATERIAL_COLUMNS.map((c) => `material.${c.key}`),
    CSV_SUBSTANCES_COLUMN,
  ];
}

/** The label written under a key (xlsx label row): English, a line break, Vietnamese. */
export function labelOf(c: ColumnSpec): string {
  return c.en === c.vi ? c.en : `${c.en}\n${c.vi}`;
}

/**
 * A header cell as the importer compares it: Unicode NFC, lower case, without whitespace
 * (also no-break and zero-width spaces) and without a trailing `*` (the required mark), so
 * that ` Element.ID `, `mass kg` and `Khối lượng (kg)` typed on a Mac all match.
 */
export function headerName(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .replace(/\*+$/, '');
}

/**
 * Header lookup for one sheet (or the CSV): each column is found by its key, its English
 * or Vietnamese label, or the two-line label of the template's label row, by
 * {@link headerName}. `names` are the keys as they appear in this file (`element.name` in
 * CSV, `name` in the Elements sheet). A label two columns share is left out (ambiguous).
 */
export function headerLookup(
  columns: readonly { name: string; spec?: ColumnSpec }[],
): Map<string, string> {
  const byKey = new Map<string, string>();
  const byLabel = new Map<string, string | null>();
  for (const { name, spec } of columns) {
    byKey.set(headerName(name), name);
    for (const label of spec === undefined ? [] : [spec.en, spec.vi, labelOf(spec)]) {
      const h = headerName(label);
      const prev = byLabel.get(h);
      byLabel.set(h, prev === undefined || prev === name ? name : null);
    }
  }
  const out = new Map<string, string>();
  for (const [h, name] of byLabel) if (name !== null) out.set(h, name);
  // Keys win over labels.
  for (const [h, name] of byKey) out.set(h, name);
  return out;
}

/** The CSV columns with their specs, in header order (the substances column has none). */
export function csvColumnSpecs(): { name: string; spec: ColumnSpec }[] {
  return [
    ...BUILDING_FIELDS.map((spec) => ({ name: spec.key, spec })),
    ...ELEMENT_COLUMNS.map((spec) => ({ name: `element.${spec.key}`, spec })),
    ...MATERIAL_COLUMNS.map((spec) => ({ name: `material.${spec.key}`, spec })),
  ];
}
