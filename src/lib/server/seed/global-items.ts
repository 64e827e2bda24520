// The starter catalogue of the item library (docs/rules/library.md), seeded by seed-catalogue.ts.
// Values are typical published reference figures, written here by us, not copied from one source:
//  - SAP values (g of NaOH or KOH per g of oil) are the usual figures of soap-calculator SAP tables
//    (the KOH value ÷ 1.403 gives the NaOH one); a batch of a given oil varies by a few percent;
//  - densities (g/ml at about 20-25 °C) are those of supplier specification and safety data sheets:
//    liquids as poured, waxes and butters melted (as they are measured in a recipe), powders as bulk
//    (loose-filled) density, which is what a scoop measures;
//  - fatty-acid profiles (percent of the fatty acids) are typical midpoints of supplier certificates of
//    analysis and soap-calculator tables;
//  - INCI names follow the International Nomenclature of Cosmetic Ingredients as suppliers label them;
//  - shelf lives are conservative supplier recommendations for an unopened, cool, dark store;
//  - containers: capacities as sold (brim-full is a little more).
import { slugify } from '../../shared/library.ts';

export type GlobalItemSeed = {
  name: string;
  slug: string;
  aliases: string[];
  itemType: 'ingredient' | 'container' | 'consumable' | 'packaging';
  defaultUnit: string;
  density: string | null;
  category: string | null;
  isPerishable: boolean;
  shelfLifeDays: number | null;
  inciName: string | null;
  sapNaoh: string | null;
  sapKoh: string | null;
  fattyAcids: Record<string, number> | null;
  capacity: string | null;
  capacityUnit: string | null;
  containerMaterial: string | null;
  containerType: string | null;
  containerColor: string | null;
};

const base = {
  aliases: [] as string[],
  density: null,
  category: null,
  isPerishable: false,
  shelfLifeDays: null,
  inciName: null,
  sapNaoh: null,
  sapKoh: null,
  fattyAcids: null,
  capacity: null,
  capacityUnit: null,
  containerMaterial: null,
  containerType: null,
  containerColor: null,
};

type Opts = Partial<Omit<GlobalItemSeed, 'name' | 'slug'>>;
const item = (name: string, o: Opts): GlobalItemSeed => ({
  ...base,
  itemType: 'ingredient',
  defaultUnit: 'gram',
  ...o,
  name,
  slug: slugify(name),
});

/** A soaping oil or butter: density, SAP (NaOH, KOH), INCI, shelf life, fatty acids. */
const oil = (
  name: string,
  category: 'Carrier Oils' | 'Butters' | 'Waxes',
  density: string,
  sapNaoh: string | null,
  sapKoh: string | null,
  inciName: string | null,
  shelfLifeDays: number,
  o: Opts = {},
) =>
  item(name, { category, density, sapNaoh, sapKoh, inciName, shelfLifeDays, isPerishable: category !== 'Waxes', ...o });

const eo = (name: string, density: string, inciName: string, o: Opts = {}) =>
  item(name, {
    category: 'Essential Oils',
    defaultUnit: 'ml',
    density,
    inciName,
    isPerishable: true,
    shelfLifeDays: 1095,
    ...o,
  });

const clay = (name: string, density: string, inciName: string, o: Opts = {}) =>
  item(name, { category: 'Clays', density, inciName, ...o });

const container = (
  name: string,
  capacity: string,
  capacityUnit: string,
  containerMaterial: string,
  containerType: string,
  containerColor: string | null,
  o: Opts = {},
) =>
  item(name, {
    itemType: 'container',
    defaultUnit: 'count',
    capacity,
    capacityUnit,
    containerMaterial,
    containerType,
    containerColor,
    ...o,
  });

const CARRIER_OILS: GlobalItemSeed[] = [
  oil('Olive Oil', 'Carrier Oils', '0.911', '0.1353', '0.1900', 'Olea Europaea (Olive) Fruit Oil', 730, {
    aliases: ['extra virgin olive oil', 'olive pomace oil', 'pomace'],
    fattyAcids: { palmitic: 13, stearic: 3, oleic: 71, linoleic: 10, linolenic: 1 },
  }),
  oil('Coconut Oil', 'Carrier Oils', '0.924', '0.1830', '0.2570', 'Cocos Nucifera (Coconut) Oil', 730, {
    aliases: ['coconut oil 76', 'refined coconut oil', 'virgin coconut oil'],
    fattyAcids: { caprylic: 8, capric: 7, lauric: 48, myristic: 19, palmitic: 9, stearic: 3, oleic: 8, linoleic: 2 },
  }),
  oil('Fractionated Coconut Oil', 'Carrier Oils', '0.945', '0.2320', '0.3250', 'Caprylic/Capric Triglyceride', 1095, {
    aliases: ['mct oil', 'caprylic capric triglyceride'],
    fattyAcids: { caprylic: 57, capric: 42 },
  }),
  oil('Palm Oil', 'Carrier Oils', '0.891', '0.1410', '0.1990', 'Elaeis Guineensis (Palm) Oil', 730, {
    aliases: ['rspo palm oil', 'sustainable palm oil'],
    fattyAcids: { myristic: 1, palmitic: 44, stearic: 5, oleic: 39, linoleic: 10 },
  }),
  oil('Palm Kernel Oil', 'Carrier Oils', '0.904', '0.1760', '0.2470', 'Elaeis Guineensis (Palm) Kernel Oil', 730, {
    fattyAcids: { caprylic: 3, capric: 4, lauric: 49, myristic: 16, palmitic: 8, stearic: 3, oleic: 15, linoleic: 2 },
  }),
  oil('Castor Oil', 'Carrier Oils', '0.961', '0.1286', '0.1800', 'Ricinus Communis (Castor) Seed Oil', 1095, {
    aliases: ['castor seed oil'],
    fattyAcids: { ricinoleic: 90, oleic: 4, linoleic: 4, palmitic: 1, stearic: 1 },
  }),
  oil(
    'Sweet Almond Oil',
    'Carrier Oils',
    '0.913',
    '0.1360',
    '0.1910',
    'Prunus Amygdalus Dulcis (Sweet Almond) Oil',
    365,
    {
      aliases: ['almond oil'],
      fattyAcids: { palmitic: 7, stearic: 2, oleic: 71, linoleic: 18 },
    },
  ),
  oil('Avocado Oil', 'Carrier Oils', '0.912', '0.1330', '0.1866', 'Persea Gratissima (Avocado) Oil', 365, {
    fattyAcids: { palmitic: 20, palmitoleic: 6, oleic: 58, linoleic: 12, linolenic: 1 },
  }),
  oil('Sunflower Oil', 'Carrier Oils', '0.918', '0.1340', '0.1890', 'Helianthus Annuus (Sunflower) Seed Oil', 365, {
    aliases: ['sunflower seed oil'],
    fattyAcids: { palmitic: 7, stearic: 4, oleic: 16, linoleic: 70 },
  }),
  oil(
    'High Oleic Sunflower Oil',
    'Carrier Oils',
    '0.915',
    '0.1350',
    '0.1890',
    'Helianthus Annuus (Sunflower) Seed Oil',
    730,
    {
      fattyAcids: { palmitic: 4, stearic: 4, oleic: 83, linoleic: 8 },
    },
  ),
  oil('Canola Oil', 'Carrier Oils', '0.914', '0.1324', '0.1860', 'Brassica Campestris (Rapeseed) Seed Oil', 365, {
    aliases: ['rapeseed oil'],
    fattyAcids: { palmitic: 4, stearic: 2, oleic: 61, linoleic: 21, linolenic: 9 },
  }),
  oil('Rice Bran Oil', 'Carrier Oils', '0.916', '0.1280', '0.1800', 'Oryza Sativa (Rice) Bran Oil', 365, {
    fattyAcids: { palmitic: 22, stearic: 3, oleic: 38, linoleic: 34, linolenic: 2 },
  }),
  oil('Grapeseed Oil', 'Carrier Oils', '0.917', '0.1265', '0.1810', 'Vitis Vinifera (Grape) Seed Oil', 270, {
    aliases: ['grape seed oil'],
    fattyAcids: { palmitic: 8, stearic: 4, oleic: 20, linoleic: 68 },
  }),
  oil('Hemp Seed Oil', 'Carrier Oils', '0.922', '0.1345', '0.1930', 'Cannabis Sativa Seed Oil', 365, {
    aliases: ['hemp oil'],
    fattyAcids: { palmitic: 6, stearic: 2, oleic: 12, linoleic: 57, linolenic: 21 },
  }),
  oil('Jojoba Oil', 'Carrier Oils', '0.863', '0.0660', '0.0920', 'Simmondsia Chinensis (Jojoba) Seed Oil', 1825, {
    aliases: ['golden jojoba', 'jojoba'],
  }),
  oil('Apricot Kernel Oil', 'Carrier Oils', '0.914', '0.1350', '0.1900', 'Prunus Armeniaca (Apricot) Kernel Oil', 365, {
    fattyAcids: { palmitic: 6, stearic: 1, oleic: 66, linoleic: 27 },
  }),
  oil('Argan Oil', 'Carrier Oils', '0.912', '0.1360', '0.1910', 'Argania Spinosa Kernel Oil', 730, {
    fattyAcids: { palmitic: 14, stearic: 6, oleic: 46, linoleic: 34 },
  }),
  oil('Safflower Oil', 'Carrier Oils', '0.919', '0.1360', '0.1920', 'Carthamus Tinctorius (Safflower) Seed Oil', 365),
  oil('Soybean Oil', 'Carrier Oils', '0.917', '0.1350', '0.1910', 'Glycine Soja (Soybean) Oil', 365, {
    aliases: ['soy oil', 'vegetable oil'],
    fattyAcids: { palmitic: 11, stearic: 5, oleic: 24, linoleic: 50, linolenic: 8 },
  }),
  oil('Peanut Oil', 'Carrier Oils', '0.914', '0.1360', '0.1920', 'Arachis Hypogaea (Peanut) Oil', 365, {
    aliases: ['groundnut oil', 'arachis oil'],
  }),
  oil('Macadamia Nut Oil', 'Carrier Oils', '0.912', '0.1390', '0.1950', 'Macadamia Integrifolia Seed Oil', 730),
  oil('Hazelnut Oil', 'Carrier Oils', '0.912', '0.1356', '0.1910', 'Corylus Avellana (Hazel) Seed Oil', 365),
  oil('Walnut Oil', 'Carrier Oils', '0.920', '0.1353', '0.1890', 'Juglans Regia (Walnut) Seed Oil', 270),
  oil('Pumpkin Seed Oil', 'Carrier Oils', '0.918', '0.1330', '0.1880', 'Cucurbita Pepo (Pumpkin) Seed Oil', 365),
  oil(
    'Evening Primrose Oil',
    'Carrier Oils',
    '0.922',
    '0.1357',
    '0.1910',
    'Oenothera Biennis (Evening Primrose) Oil',
    270,
  ),
  oil('Borage Seed Oil', 'Carrier Oils', '0.922', '0.1357', '0.1900', 'Borago Officinalis Seed Oil', 270),
  oil('Flaxseed Oil', 'Carrier Oils', '0.927', '0.1357', '0.1900', 'Linum Usitatissimum (Linseed) Seed Oil', 180, {
    aliases: ['linseed oil'],
  }),
  oil('Neem Oil', 'Carrier Oils', '0.925', '0.1387', '0.1950', 'Melia Azadirachta Seed Oil', 730),
  oil('Tamanu Oil', 'Carrier Oils', '0.933', '0.1430', '0.2010', 'Calophyllum Inophyllum Seed Oil', 730, {
    aliases: ['foraha oil'],
  }),
  oil(
    'Meadowfoam Seed Oil',
    'Carrier Oils',
    '0.912',
    '0.1210',
    '0.1690',
    'Limnanthes Alba (Meadowfoam) Seed Oil',
    1095,
  ),
  oil('Camellia Seed Oil', 'Carrier Oils', '0.914', '0.1362', '0.1930', 'Camellia Japonica Seed Oil', 730, {
    aliases: ['tsubaki oil', 'tea seed oil'],
  }),
  oil('Sesame Oil', 'Carrier Oils', '0.920', '0.1330', '0.1880', 'Sesamum Indicum (Sesame) Seed Oil', 730),
  oil('Wheat Germ Oil', 'Carrier Oils', '0.925', '0.1310', '0.1830', 'Triticum Vulgare (Wheat) Germ Oil', 270),
  oil('Rosehip Seed Oil', 'Carrier Oils', '0.920', '0.1378', '0.1930', 'Rosa Canina Fruit Oil', 180, {
    aliases: ['rosehip oil', 'rose hip oil'],
  }),
  oil('Pomegranate Seed Oil', 'Carrier Oils', '0.935', '0.1360', '0.1900', 'Punica Granatum Seed Oil', 365),
  oil('Black Cumin Seed Oil', 'Carrier Oils', '0.918', '0.1390', '0.1950', 'Nigella Sativa Seed Oil', 365, {
    aliases: ['black seed oil', 'nigella oil'],
  }),
  oil('Babassu Oil', 'Carrier Oils', '0.914', '0.1750', '0.2450', 'Orbignya Oleifera Seed Oil', 730, {
    fattyAcids: { caprylic: 4, capric: 7, lauric: 50, myristic: 20, palmitic: 11, stearic: 4, oleic: 10, linoleic: 2 },
  }),
  oil('Baobab Oil', 'Carrier Oils', '0.919', '0.1430', '0.2000', 'Adansonia Digitata Seed Oil', 730),
  oil('Kukui Nut Oil', 'Carrier Oils', '0.924', '0.1350', '0.1890', 'Aleurites Moluccanus Seed Oil', 365),
  oil('Corn Oil', 'Carrier Oils', '0.919', '0.1360', '0.1920', 'Zea Mays (Corn) Oil', 365, { aliases: ['maize oil'] }),
  oil('Cottonseed Oil', 'Carrier Oils', '0.920', '0.1386', '0.1940', 'Gossypium Herbaceum (Cotton) Seed Oil', 365),
  oil('Sea Buckthorn Oil', 'Carrier Oils', '0.915', '0.1380', '0.1940', 'Hippophae Rhamnoides Oil', 365),
  oil('Moringa Oil', 'Carrier Oils', '0.903', '0.1360', '0.1920', 'Moringa Oleifera Seed Oil', 730, {
    aliases: ['ben oil'],
  }),
  oil('Emu Oil', 'Carrier Oils', '0.905', '0.1359', '0.1910', 'Emu Oil', 730),
];

const BUTTERS_AND_FATS: GlobalItemSeed[] = [
  oil('Shea Butter', 'Butters', '0.910', '0.1280', '0.1790', 'Butyrospermum Parkii (Shea) Butter', 730, {
    aliases: ['raw shea butter', 'refined shea butter', 'shea'],
    fattyAcids: { palmitic: 5, stearic: 40, oleic: 48, linoleic: 6 },
  }),
  oil('Cocoa Butter', 'Butters', '0.892', '0.1370', '0.1940', 'Theobroma Cacao (Cocoa) Seed Butter', 1095, {
    aliases: ['cacao butter', 'deodorized cocoa butter'],
    fattyAcids: { palmitic: 28, stearic: 33, oleic: 35, linoleic: 3 },
  }),
  oil('Mango Butter', 'Butters', '0.905', '0.1371', '0.1910', 'Mangifera Indica (Mango) Seed Butter', 730, {
    fattyAcids: { palmitic: 7, stearic: 42, oleic: 45, linoleic: 3, arachidic: 2 },
  }),
  oil('Kokum Butter', 'Butters', '0.905', '0.1360', '0.1900', 'Garcinia Indica Seed Butter', 730),
  oil('Murumuru Butter', 'Butters', '0.905', '0.1700', '0.2390', 'Astrocaryum Murumuru Seed Butter', 730),
  oil('Cupuacu Butter', 'Butters', '0.905', '0.1380', '0.1930', 'Theobroma Grandiflorum Seed Butter', 730),
  oil('Illipe Butter', 'Butters', '0.905', '0.1330', '0.1870', 'Shorea Stenoptera Seed Butter', 730),
  oil('Sal Butter', 'Butters', '0.905', '0.1350', '0.1890', 'Shorea Robusta Seed Butter', 730),
  oil('Avocado Butter', 'Butters', '0.905', '0.1330', '0.1870', 'Persea Gratissima (Avocado) Butter', 365),
  oil('Tucuma Butter', 'Butters', '0.905', '0.1700', '0.2380', 'Astrocaryum Tucuma Seed Butter', 730),
  oil('Lard', 'Butters', '0.898', '0.1380', '0.1940', 'Adeps Suillus', 270, {
    aliases: ['pork fat', 'rendered lard'],
    fattyAcids: { myristic: 1, palmitic: 28, stearic: 13, oleic: 46, linoleic: 6 },
  }),
  oil('Beef Tallow', 'Butters', '0.895', '0.1405', '0.1970', 'Adeps Bovis', 365, {
    aliases: ['tallow', 'rendered tallow'],
    fattyAcids: { myristic: 6, palmitic: 28, stearic: 22, oleic: 36, linoleic: 3 },
  }),
  oil('Mutton Tallow', 'Butters', '0.895', '0.1383', '0.1940', 'Adeps Ovis', 365, { aliases: ['sheep tallow'] }),
  oil('Ghee', 'Butters', '0.905', '0.1620', '0.2270', null, 270, { aliases: ['clarified butter', 'butterfat'] }),
  oil('Palm Shortening', 'Butters', '0.890', '0.1410', '0.1990', 'Elaeis Guineensis (Palm) Oil', 730),
  oil('Stearic Acid', 'Butters', '0.847', '0.1410', '0.1980', 'Stearic Acid', 1095, {
    aliases: ['stearic acid flakes', 'triple pressed stearic acid'],
    isPerishable: false,
    fattyAcids: { palmitic: 45, stearic: 55 },
  }),
];

const WAXES: GlobalItemSeed[] = [
  oil('Beeswax', 'Waxes', '0.960', '0.0690', '0.0940', 'Cera Alba', 1825, {
    aliases: ['yellow beeswax', 'white beeswax', 'beeswax pellets', 'cera alba'],
  }),
  oil('Candelilla Wax', 'Waxes', '0.983', '0.0390', '0.0550', 'Euphorbia Cerifera (Candelilla) Wax', 1825),
  oil('Carnauba Wax', 'Waxes', '0.997', '0.0620', '0.0870', 'Copernicia Cerifera (Carnauba) Wax', 1825),
  oil('Soy Wax', 'Waxes', '0.900', '0.1350', '0.1900', 'Hydrogenated Soybean Oil', 1095, {
    aliases: ['soy candle wax', 'container soy wax', 'golden wax 464', 'gw464'],
  }),
  oil('Coconut Wax', 'Waxes', '0.900', null, null, 'Hydrogenated Coconut Oil', 1095, {
    aliases: ['coco wax', 'coconut apricot wax'],
  }),
  oil('Rapeseed Wax', 'Waxes', '0.900', null, null, 'Hydrogenated Rapeseed Oil', 1095, { aliases: ['canola wax'] }),
  oil('Palm Wax', 'Waxes', '0.890', null, null, 'Hydrogenated Palm Oil', 1095, { aliases: ['palm stearin wax'] }),
  oil('Paraffin Wax', 'Waxes', '0.780', null, null, 'Paraffin', 3650, {
    aliases: ['paraffin', 'candle wax', 'pillar wax'],
  }),
  oil('Microcrystalline Wax', 'Waxes', '0.820', null, null, 'Microcrystalline Wax', 3650, { aliases: ['micro wax'] }),
  oil('Emulsifying Wax NF', 'Waxes', '0.850', null, null, 'Cetearyl Alcohol, Polysorbate 60', 1095, {
    aliases: ['e-wax', 'emulsifying wax', 'polawax'],
  }),
  oil('Sunflower Wax', 'Waxes', '0.950', null, null, 'Helianthus Annuus (Sunflower) Seed Wax', 1825),
  oil('Rice Bran Wax', 'Waxes', '0.960', null, null, 'Oryza Sativa (Rice) Bran Wax', 1825),
];

const ESSENTIAL_OILS: GlobalItemSeed[] = [
  eo('Lavender Essential Oil', '0.885', 'Lavandula Angustifolia Oil', { aliases: ['lavender eo', 'lavender oil'] }),
  eo('Peppermint Essential Oil', '0.900', 'Mentha Piperita Oil', { aliases: ['peppermint eo', 'peppermint oil'] }),
  eo('Spearmint Essential Oil', '0.920', 'Mentha Spicata Leaf Oil', { aliases: ['spearmint eo'] }),
  eo('Tea Tree Essential Oil', '0.890', 'Melaleuca Alternifolia Leaf Oil', { aliases: ['tea tree oil', 'melaleuca'] }),
  eo('Eucalyptus Essential Oil', '0.910', 'Eucalyptus Globulus Leaf Oil', { aliases: ['eucalyptus globulus'] }),
  eo('Lemon Essential Oil', '0.850', 'Citrus Limon Peel Oil', { aliases: ['lemon eo'], shelfLifeDays: 365 }),
  eo('Sweet Orange Essential Oil', '0.842', 'Citrus Aurantium Dulcis Peel Oil', {
    aliases: ['orange essential oil', 'orange eo', 'sweet orange'],
    shelfLifeDays: 365,
  }),
  eo('Orange 10x Essential Oil', '0.850', 'Citrus Aurantium Dulcis Peel Oil', {
    aliases: ['10 fold orange', 'orange 10 fold'],
    shelfLifeDays: 365,
  }),
  eo('Grapefruit Essential Oil', '0.852', 'Citrus Paradisi Peel Oil', { shelfLifeDays: 365 }),
  eo('Lime Essential Oil', '0.860', 'Citrus Aurantifolia Oil', { shelfLifeDays: 365 }),
  eo('Bergamot Essential Oil', '0.877', 'Citrus Aurantium Bergamia Fruit Oil', { shelfLifeDays: 365 }),
  eo('Tangerine Essential Oil', '0.850', 'Citrus Tangerina Peel Oil', { shelfLifeDays: 365 }),
  eo('Lemongrass Essential Oil', '0.890', 'Cymbopogon Flexuosus Oil'),
  eo('Litsea Cubeba Essential Oil', '0.885', 'Litsea Cubeba Fruit Oil', { aliases: ['may chang'] }),
  eo('Rosemary Essential Oil', '0.910', 'Rosmarinus Officinalis Leaf Oil'),
  eo('Atlas Cedarwood Essential Oil', '0.950', 'Cedrus Atlantica Bark Oil', { aliases: ['cedarwood atlas'] }),
  eo('Virginian Cedarwood Essential Oil', '0.950', 'Juniperus Virginiana Oil', { aliases: ['cedarwood virginia'] }),
  eo('Patchouli Essential Oil', '0.960', 'Pogostemon Cablin Oil', { shelfLifeDays: 1825 }),
  eo('Frankincense Essential Oil', '0.870', 'Boswellia Carterii Oil', { aliases: ['olibanum'] }),
  eo('Ylang Ylang Essential Oil', '0.950', 'Cananga Odorata Flower Oil'),
  eo('Geranium Essential Oil', '0.890', 'Pelargonium Graveolens Oil', { aliases: ['rose geranium'] }),
  eo('Clary Sage Essential Oil', '0.900', 'Salvia Sclarea Oil'),
  eo('Vetiver Essential Oil', '1.000', 'Vetiveria Zizanoides Root Oil', { shelfLifeDays: 1825 }),
  eo('Sandalwood Essential Oil', '0.970', 'Santalum Album Oil', { shelfLifeDays: 1825 }),
  eo('Roman Chamomile Essential Oil', '0.900', 'Anthemis Nobilis Flower Oil'),
  eo('Palmarosa Essential Oil', '0.880', 'Cymbopogon Martini Oil'),
  eo('Clove Bud Essential Oil', '1.050', 'Eugenia Caryophyllus Bud Oil', { aliases: ['clove oil'] }),
  eo('Cinnamon Leaf Essential Oil', '1.040', 'Cinnamomum Zeylanicum Leaf Oil'),
  eo('Black Pepper Essential Oil', '0.870', 'Piper Nigrum Fruit Oil'),
  eo('Ginger Essential Oil', '0.880', 'Zingiber Officinale Root Oil'),
  eo('Juniper Berry Essential Oil', '0.860', 'Juniperus Communis Fruit Oil'),
  eo('Cypress Essential Oil', '0.880', 'Cupressus Sempervirens Oil'),
  eo('Fir Needle Essential Oil', '0.880', 'Abies Sibirica Oil', { aliases: ['siberian fir'] }),
  eo('Scots Pine Essential Oil', '0.870', 'Pinus Sylvestris Leaf Oil', { aliases: ['pine needle oil'] }),
  eo('Anise Essential Oil', '0.980', 'Pimpinella Anisum Fruit Oil', { aliases: ['aniseed oil'] }),
  eo('Basil Essential Oil', '0.950', 'Ocimum Basilicum Oil'),
  eo('Sweet Fennel Essential Oil', '0.960', 'Foeniculum Vulgare Oil'),
  eo('Wintergreen Essential Oil', '1.180', 'Gaultheria Procumbens Leaf Oil'),
  eo('Citronella Essential Oil', '0.890', 'Cymbopogon Nardus Oil'),
  eo('Lemon Eucalyptus Essential Oil', '0.865', 'Eucalyptus Citriodora Oil'),
  eo('Cajeput Essential Oil', '0.910', 'Melaleuca Leucadendron Cajaputi Oil'),
  eo('Oregano Essential Oil', '0.940', 'Origanum Vulgare Leaf Oil'),
  eo('Thyme Essential Oil', '0.920', 'Thymus Vulgaris Oil'),
  eo('Mandarin Essential Oil', '0.850', 'Citrus Nobilis Peel Oil', { shelfLifeDays: 365 }),
];

const CLAYS_AND_POWDERS: GlobalItemSeed[] = [
  clay('Kaolin Clay', '0.55', 'Kaolin', { aliases: ['white kaolin', 'white clay', 'china clay'] }),
  clay('Bentonite Clay', '0.80', 'Bentonite', { aliases: ['bentonite', 'sodium bentonite'] }),
  clay('French Green Clay', '0.70', 'Illite', { aliases: ['green clay', 'illite clay'] }),
  clay('Rhassoul Clay', '0.70', 'Moroccan Lava Clay', { aliases: ['ghassoul', 'moroccan red clay'] }),
  clay('Rose Clay', '0.60', 'Kaolin, Iron Oxides', { aliases: ['pink clay', 'pink kaolin'] }),
  clay('Red Clay', '0.65', 'Illite, Iron Oxides', { aliases: ['french red clay'] }),
  clay('Yellow Clay', '0.65', 'Kaolin, Iron Oxides'),
  clay('Sea Clay', '0.70', 'Montmorillonite', { aliases: ['dead sea clay'] }),
  clay('Activated Charcoal', '0.40', 'Charcoal Powder', { aliases: ['activated carbon', 'charcoal powder'] }),
  item('Titanium Dioxide', { category: 'Other', density: '0.80', inciName: 'Titanium Dioxide', aliases: ['tio2'] }),
  item('Zinc Oxide', { category: 'Other', density: '0.60', inciName: 'Zinc Oxide' }),
  item('Colloidal Oatmeal', {
    category: 'Flours',
    density: '0.40',
    inciName: 'Avena Sativa (Oat) Kernel Flour',
    isPerishable: true,
    shelfLifeDays: 730,
  }),
  item('Arrowroot Powder', { category: 'Flours', density: '0.55', inciName: 'Maranta Arundinacea Root Powder' }),
  item('Cornstarch', {
    category: 'Flours',
    density: '0.54',
    inciName: 'Zea Mays (Corn) Starch',
    aliases: ['corn starch'],
  }),
  item('Xanthan Gum', { category: 'Other', density: '0.80', inciName: 'Xanthan Gum' }),
  item('Mica Powder', { category: 'Other', density: '0.45', inciName: 'Mica', aliases: ['cosmetic mica'] }),
];

const LYE_ACIDS_AND_ADDITIVES: GlobalItemSeed[] = [
  item('Sodium Hydroxide', {
    category: 'Other',
    density: '1.10',
    inciName: 'Sodium Hydroxide',
    aliases: ['lye', 'naoh', 'caustic soda', 'lye beads'],
  }),
  item('Potassium Hydroxide', {
    category: 'Other',
    density: '1.00',
    inciName: 'Potassium Hydroxide',
    aliases: ['koh', 'caustic potash', 'potash lye'],
  }),
  item('Citric Acid', {
    category: 'Other',
    density: '0.80',
    inciName: 'Citric Acid',
    aliases: ['citric acid anhydrous'],
  }),
  item('Lactic Acid 88%', { category: 'Liquids', defaultUnit: 'ml', density: '1.21', inciName: 'Lactic Acid' }),
  item('Sodium Lactate 60%', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.33',
    inciName: 'Sodium Lactate',
    aliases: ['sodium lactate'],
  }),
  item('Sodium Citrate', { category: 'Salts', density: '0.90', inciName: 'Sodium Citrate' }),
  item('Sodium Bicarbonate', {
    category: 'Salts',
    density: '1.10',
    inciName: 'Sodium Bicarbonate',
    aliases: ['baking soda', 'bicarbonate of soda'],
  }),
  item('Sodium Carbonate', {
    category: 'Salts',
    density: '0.90',
    inciName: 'Sodium Carbonate',
    aliases: ['washing soda', 'soda ash'],
  }),
  item('Ascorbic Acid', { category: 'Other', density: '0.90', inciName: 'Ascorbic Acid', aliases: ['vitamin c'] }),
  item('Tartaric Acid', {
    category: 'Other',
    density: '0.95',
    inciName: 'Tartaric Acid',
    aliases: ['cream of tartar'],
  }),
  item('Salicylic Acid', { category: 'Other', density: '0.50', inciName: 'Salicylic Acid' }),
  item('Glycerin', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.261',
    inciName: 'Glycerin',
    aliases: ['vegetable glycerin', 'glycerine', 'glycerol'],
  }),
  item('Distilled Water', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.000',
    inciName: 'Aqua',
    aliases: ['water', 'aqua'],
  }),
  item('Milk', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.03',
    isPerishable: true,
    shelfLifeDays: 7,
    inciName: 'Lac',
    aliases: ['whole milk', 'cow milk'],
  }),
  item('Goat Milk', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.03',
    isPerishable: true,
    shelfLifeDays: 7,
    inciName: 'Caprae Lac',
    aliases: ['goats milk'],
  }),
  item('Goat Milk Powder', {
    category: 'Flours',
    density: '0.50',
    isPerishable: true,
    shelfLifeDays: 365,
    inciName: 'Goat Milk Powder',
  }),
  item('Coconut Milk', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.00',
    isPerishable: true,
    shelfLifeDays: 7,
    inciName: 'Cocos Nucifera (Coconut) Fruit Juice',
  }),
  item('Aloe Vera Juice', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.00',
    isPerishable: true,
    shelfLifeDays: 365,
    inciName: 'Aloe Barbadensis Leaf Juice',
  }),
  item('Witch Hazel', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '0.99',
    inciName: 'Hamamelis Virginiana Water',
  }),
  item('Rose Water', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.00',
    isPerishable: true,
    shelfLifeDays: 365,
    inciName: 'Rosa Damascena Flower Water',
    aliases: ['rose hydrosol'],
  }),
  item('Honey', { category: 'Syrups', density: '1.42', inciName: 'Mel', aliases: ['raw honey'] }),
  item('Granulated Sugar', {
    category: 'Sugars',
    density: '0.85',
    inciName: 'Sucrose',
    aliases: ['sugar', 'white sugar', 'cane sugar'],
  }),
  item('Epsom Salt', {
    category: 'Salts',
    density: '1.00',
    inciName: 'Magnesium Sulfate',
    aliases: ['magnesium sulfate'],
  }),
  item('Dead Sea Salt', { category: 'Salts', density: '1.20', inciName: 'Maris Sal' }),
  item('Himalayan Pink Salt', {
    category: 'Salts',
    density: '1.20',
    inciName: 'Sodium Chloride',
    aliases: ['pink salt'],
  }),
  item('Fine Sea Salt', { category: 'Salts', density: '1.20', inciName: 'Sea Salt', aliases: ['sea salt', 'salt'] }),
  item('Isopropyl Alcohol 99%', {
    category: 'Alcohols',
    defaultUnit: 'ml',
    density: '0.786',
    inciName: 'Isopropyl Alcohol',
    aliases: ['isopropyl alcohol', 'ipa', 'rubbing alcohol'],
  }),
  item('Ethanol 95%', {
    category: 'Alcohols',
    defaultUnit: 'ml',
    density: '0.804',
    inciName: 'Alcohol Denat.',
    aliases: ['ethyl alcohol', 'perfumers alcohol'],
  }),
  item('Vitamin E Oil', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '0.950',
    inciName: 'Tocopherol',
    aliases: ['tocopherol', 'mixed tocopherols'],
  }),
  item('Polysorbate 20', { category: 'Liquids', defaultUnit: 'ml', density: '1.10', inciName: 'Polysorbate 20' }),
  item('Polysorbate 80', { category: 'Liquids', defaultUnit: 'ml', density: '1.07', inciName: 'Polysorbate 80' }),
  item('Cetyl Alcohol', { category: 'Waxes', density: '0.820', inciName: 'Cetyl Alcohol' }),
  item('Cetearyl Alcohol', { category: 'Waxes', density: '0.820', inciName: 'Cetearyl Alcohol' }),
  item('BTMS-50', {
    category: 'Waxes',
    density: '0.860',
    inciName: 'Behentrimonium Methosulfate, Cetyl Alcohol, Butylene Glycol',
    aliases: ['btms'],
  }),
  item('Sodium Cocoyl Isethionate', {
    category: 'Other',
    density: '0.45',
    inciName: 'Sodium Cocoyl Isethionate',
    aliases: ['sci', 'sci noodles'],
  }),
  item('Cocamidopropyl Betaine', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.04',
    inciName: 'Cocamidopropyl Betaine',
    aliases: ['capb', 'coco betaine'],
  }),
  item('Decyl Glucoside', { category: 'Liquids', defaultUnit: 'ml', density: '1.15', inciName: 'Decyl Glucoside' }),
  item('Liquid Germall Plus', {
    category: 'Liquids',
    defaultUnit: 'ml',
    density: '1.25',
    inciName: 'Propylene Glycol, Diazolidinyl Urea, Iodopropynyl Butylcarbamate',
    aliases: ['germall plus'],
  }),
  item('Phenoxyethanol', { category: 'Liquids', defaultUnit: 'ml', density: '1.10', inciName: 'Phenoxyethanol' }),
  item('Candle Fragrance Oil', {
    category: 'Fragrance Oils',
    defaultUnit: 'ml',
    density: '0.95',
    inciName: 'Parfum',
    aliases: ['fragrance oil', 'fo', 'scent oil'],
  }),
];

const CONTAINERS: GlobalItemSeed[] = [
  container('Amber Glass Boston Round Bottle 30 ml', '30', 'ml', 'Glass', 'Bottle', 'Amber', {
    aliases: ['1 oz amber bottle'],
  }),
  container('Amber Glass Boston Round Bottle 60 ml', '60', 'ml', 'Glass', 'Bottle', 'Amber', {
    aliases: ['2 oz amber bottle'],
  }),
  container('Amber Glass Boston Round Bottle 120 ml', '120', 'ml', 'Glass', 'Bottle', 'Amber', {
    aliases: ['4 oz amber bottle'],
  }),
  container('Amber Glass Dropper Bottle 15 ml', '15', 'ml', 'Glass', 'Dropper Bottle', 'Amber'),
  container('Amber Glass Dropper Bottle 30 ml', '30', 'ml', 'Glass', 'Dropper Bottle', 'Amber'),
  container('Cobalt Blue Glass Dropper Bottle 30 ml', '30', 'ml', 'Glass', 'Dropper Bottle', 'Blue'),
  container('Glass Roller Bottle 10 ml', '10', 'ml', 'Glass', 'Roller Bottle', 'Clear', {
    aliases: ['roll on bottle'],
  }),
  container('Clear PET Bottle 250 ml', '250', 'ml', 'PET', 'Bottle', 'Clear'),
  container('Clear PET Bottle 500 ml', '500', 'ml', 'PET', 'Bottle', 'Clear'),
  container('White HDPE Bottle 250 ml', '250', 'ml', 'HDPE', 'Bottle', 'White'),
  container('Amber PET Pump Bottle 250 ml', '250', 'ml', 'PET', 'Pump Bottle', 'Amber', {
    aliases: ['lotion pump bottle'],
  }),
  container('PET Spray Bottle 100 ml', '100', 'ml', 'PET', 'Spray Bottle', 'Clear', { aliases: ['mister bottle'] }),
  container('Foaming Pump Bottle 250 ml', '250', 'ml', 'PET', 'Foamer Bottle', 'Clear'),
  container('Amber Glass Jar 2 oz', '2', 'floz', 'Glass', 'Jar', 'Amber'),
  container('Amber Glass Jar 4 oz', '4', 'floz', 'Glass', 'Jar', 'Amber'),
  container('Clear Glass Jar 4 oz', '4', 'floz', 'Glass', 'Jar', 'Clear'),
  container('Clear Glass Jar 8 oz', '8', 'floz', 'Glass', 'Jar', 'Clear'),
  container('Mason Jar 16 oz', '16', 'floz', 'Glass', 'Mason Jar', 'Clear', { aliases: ['pint mason jar'] }),
  container('Glass Candle Tumbler 8 oz', '8', 'floz', 'Glass', 'Tumbler', 'Clear'),
  container('Glass Candle Tumbler 10 oz', '10', 'floz', 'Glass', 'Tumbler', 'Clear'),
  container('Amber Glass Candle Jar 9 oz', '9', 'floz', 'Glass', 'Candle Jar', 'Amber'),
  container('Black Matte Candle Tumbler 10 oz', '10', 'floz', 'Glass', 'Tumbler', 'Black'),
  container('Ceramic Candle Vessel 8 oz', '8', 'floz', 'Ceramic', 'Candle Jar', 'White'),
  container('White PP Cream Jar 50 ml', '50', 'ml', 'PP', 'Jar', 'White', { aliases: ['cosmetic jar'] }),
  container('Double Wall Acrylic Jar 50 ml', '50', 'ml', 'Acrylic', 'Jar', 'Clear'),
  container('Aluminum Tin 2 oz', '2', 'floz', 'Aluminum', 'Tin', 'Silver', { aliases: ['2 oz screw top tin'] }),
  container('Aluminum Tin 4 oz', '4', 'floz', 'Aluminum', 'Tin', 'Silver'),
  container('Aluminum Tin 8 oz', '8', 'floz', 'Aluminum', 'Tin', 'Silver'),
  container('Steel Candle Tin 4 oz', '4', 'floz', 'Tinplate', 'Candle Tin', 'Silver', { aliases: ['slip cover tin'] }),
  container('Steel Candle Tin 8 oz', '8', 'floz', 'Tinplate', 'Candle Tin', 'Silver'),
  container('Black Candle Tin 8 oz', '8', 'floz', 'Tinplate', 'Candle Tin', 'Black'),
  container('Lip Balm Tube 0.15 oz', '4.25', 'gram', 'PP', 'Lip Balm Tube', 'White', { aliases: ['chapstick tube'] }),
  container('Lip Balm Tin 0.5 oz', '15', 'ml', 'Aluminum', 'Tin', 'Silver'),
  container('Deodorant Tube 2.5 oz', '75', 'ml', 'PP', 'Twist-up Tube', 'White'),
  container('Kraft Push-up Tube 2 oz', '2', 'oz', 'Paperboard', 'Push-up Tube', 'Kraft'),
];

const PACKAGING_AND_CONSUMABLES: GlobalItemSeed[] = [
  item('Kraft Soap Box', { itemType: 'packaging', defaultUnit: 'count', aliases: ['soap box'] }),
  item('Soap Shrink Wrap Band', { itemType: 'packaging', defaultUnit: 'count', aliases: ['shrink band'] }),
  item('Product Label 2 x 3 in', { itemType: 'packaging', defaultUnit: 'count', aliases: ['label'] }),
  item('Tissue Paper Sheet', { itemType: 'packaging', defaultUnit: 'count' }),
  item('Cotton Candle Wick', {
    itemType: 'consumable',
    defaultUnit: 'count',
    aliases: ['wick', 'cd wick', 'eco wick'],
  }),
  item('Wooden Candle Wick', { itemType: 'consumable', defaultUnit: 'count', aliases: ['wood wick'] }),
  item('Wick Sticker', { itemType: 'consumable', defaultUnit: 'count', aliases: ['wick stickum'] }),
  item('Nitrile Gloves', { itemType: 'consumable', defaultUnit: 'count' }),
  item('pH Test Strips', { itemType: 'consumable', defaultUnit: 'count' }),
];

export const GLOBAL_ITEMS: GlobalItemSeed[] = [
  ...CARRIER_OILS,
  ...BUTTERS_AND_FATS,
  ...WAXES,
  ...ESSENTIAL_OILS,
  ...CLAYS_AND_POWDERS,
  ...LYE_ACIDS_AND_ADDITIVES,
  ...CONTAINERS,
  ...PACKAGING_AND_CONSUMABLES,
];
