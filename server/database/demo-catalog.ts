/** Food (coffee, tea, the pantry) is taxed at France's reduced rate, 5.5 %; the rest (grinders, kettles, gifts) at 20 %. */
export function demoVatRateBp(product: { category: string }) {
  return ['Coffee', 'Tea', 'Pantry'].includes(product.category) ? 550 : 2000
}

/** A demo product's packed weight: what its name says it holds (`250 g`, `1 kg`) and a tenth for the packing, or its kind's usual weight. */
export function demoWeightGrams(product: { name: string, category: string }) {
  const held = /(\d+(?:\.\d+)?) ?(kg|g)\b/.exec(product.name)
  if (held) return Math.round(Number(held[1]) * (held[2] === 'kg' ? 1000 : 1) * 1.1)
  return ({ Brewing: 900, Kitchen: 1200 } as Record<string, number>)[product.category] ?? 400
}

/**
 * The demo shop's deliveries, VAT included: La Poste by weight (free from €60 in France and
 * nearby), a next-day courier in France, collection from the shop in Lyon, and further afield.
 */
export const DEMO_SHIPPING_METHODS = [
  {
    name: 'Standard (Colissimo)',
    description: 'Delivered in 2 to 3 working days, tracked.',
    countries: ['FR', 'BE', 'LU', 'DE', 'NL', 'ES', 'IT'],
    rates: [{ up_to_grams: 500, price_cents: 490 }, { up_to_grams: 2000, price_cents: 790 }, { up_to_grams: 5000, price_cents: 1290 }, { up_to_grams: 30_000, price_cents: 1990 }],
    freeOverCents: 6000,
    position: 1,
  },
  {
    name: 'Express (Chronopost)',
    description: 'Next working day if ordered before 1 pm.',
    countries: ['FR'],
    rates: [{ up_to_grams: 10_000, price_cents: 1290 }],
    freeOverCents: null,
    position: 2,
  },
  {
    name: 'Collect from the shop',
    description: '12 rue Mercière, Lyon 2e: ready within two hours.',
    countries: ['FR'],
    rates: [{ up_to_grams: null, price_cents: 0 }],
    freeOverCents: null,
    position: 3,
  },
  {
    name: 'International (La Poste)',
    description: 'Delivered in 4 to 8 working days, tracked.',
    countries: ['CH', 'GB', 'US'],
    rates: [{ up_to_grams: 2000, price_cents: 1690 }, { up_to_grams: 10_000, price_cents: 3490 }],
    freeOverCents: null,
    position: 4,
  },
]

/** The demo catalog: a small coffee-and-kitchen shop. Prices (VAT included) and costs in cents. */
export interface DemoProduct {
  sku: string
  name: string
  category: string
  priceCents: number
  costCents: number
  stock: number
  description: string
  isActive?: boolean
}

export const DEMO_CATALOG: DemoProduct[] = [
  { sku: 'COF-ETH-250', name: 'Ethiopia Yirgacheffe beans, 250 g', category: 'Coffee', priceCents: 1290, costCents: 610, stock: 84, description: 'Washed heirloom varieties from Gedeo. Jasmine, bergamot and a long lemon finish. Roasted light for filter.' },
  { sku: 'COF-COL-250', name: 'Colombia Huila beans, 250 g', category: 'Coffee', priceCents: 1150, costCents: 540, stock: 120, description: 'Caramel, red apple and milk chocolate. A forgiving coffee for espresso and filter alike.' },
  { sku: 'COF-BRA-1KG', name: 'Brazil Cerrado beans, 1 kg', category: 'Coffee', priceCents: 3290, costCents: 1680, stock: 36, description: 'Natural process, low acidity, hazelnut and cocoa. The everyday bag for milk drinks.' },
  { sku: 'COF-KEN-250', name: 'Kenya Nyeri AA beans, 250 g', category: 'Coffee', priceCents: 1490, costCents: 760, stock: 4, description: 'Blackcurrant, tomato leaf and a juicy, winey acidity. Small lot, roasted weekly.' },
  { sku: 'COF-GUA-250', name: 'Guatemala Huehuetenango beans, 250 g', category: 'Coffee', priceCents: 1240, costCents: 590, stock: 58, description: 'Brown sugar, orange zest and almond, grown at 1,800 m near the Mexican border.' },
  { sku: 'COF-DEC-250', name: 'Swiss Water decaf beans, 250 g', category: 'Coffee', priceCents: 1190, costCents: 580, stock: 42, description: 'Decaffeinated with water only. Toffee and cocoa, for an espresso after dinner.' },
  { sku: 'COF-ESP-1KG', name: 'House espresso blend, 1 kg', category: 'Coffee', priceCents: 2890, costCents: 1420, stock: 150, description: 'Brazil and Guatemala, medium roast. Dense crema, dark chocolate, at home in a flat white.' },
  { sku: 'COF-SUM-250', name: 'Sumatra Mandheling beans, 250 g', category: 'Coffee', priceCents: 1290, costCents: 620, stock: 0, description: 'Wet-hulled, heavy body, cedar and dark spice. Back in stock with the next harvest.' },
  { sku: 'COF-RWA-250', name: 'Rwanda Nyamasheke beans, 250 g', category: 'Coffee', priceCents: 1390, costCents: 690, stock: 27, description: 'Red grape, hibiscus and cane sugar from a washing station on Lake Kivu.' },
  { sku: 'COF-SAM-3X', name: 'Tasting set, three 100 g bags', category: 'Coffee', priceCents: 1590, costCents: 820, stock: 9, description: 'Three single origins chosen each month, with tasting notes and brew recipes.' },
  { sku: 'TEA-SEN-100', name: 'Japanese sencha, 100 g', category: 'Tea', priceCents: 1450, costCents: 700, stock: 63, description: 'Steamed green tea from Shizuoka. Grassy, sweet and marine. Brew at 70 °C.' },
  { sku: 'TEA-EAR-100', name: 'Earl Grey with bergamot, 100 g', category: 'Tea', priceCents: 890, costCents: 380, stock: 95, description: 'Assam and Ceylon scented with cold-pressed Calabrian bergamot oil.' },
  { sku: 'TEA-ASS-250', name: 'Assam breakfast, 250 g', category: 'Tea', priceCents: 1190, costCents: 520, stock: 71, description: 'Malty second flush leaves that stand up to milk. Four minutes at a rolling boil.' },
  { sku: 'TEA-ROO-100', name: 'Rooibos vanilla, 100 g', category: 'Tea', priceCents: 790, costCents: 330, stock: 3, description: 'Caffeine-free red bush from the Cederberg with Madagascar vanilla.' },
  { sku: 'TEA-MAT-30', name: 'Ceremonial matcha, 30 g', category: 'Tea', priceCents: 2490, costCents: 1310, stock: 18, description: 'Stone-ground tencha from Uji. Bright green, umami, no bitterness when whisked right.' },
  { sku: 'TEA-OOL-100', name: 'Tieguanyin oolong, 100 g', category: 'Tea', priceCents: 1690, costCents: 840, stock: 22, description: 'Lightly oxidised rolled leaves from Anxi. Orchid and butter, good for five infusions.' },
  { sku: 'TEA-CHA-250', name: 'Masala chai blend, 250 g', category: 'Tea', priceCents: 1090, costCents: 470, stock: 48, description: 'Black tea, cardamom, ginger, cinnamon and clove. Simmer with milk and sugar.' },
  { sku: 'TEA-CAM-50', name: 'Chamomile flowers, 50 g', category: 'Tea', priceCents: 650, costCents: 260, stock: 2, description: 'Whole Egyptian chamomile heads, honeyed and calm.' },
  { sku: 'BRW-V60-02', name: 'Ceramic pour-over dripper, size 02', category: 'Brewing', priceCents: 2490, costCents: 1050, stock: 40, description: 'Spiral ribs and a single large hole: you control the flow, and so the cup.' },
  { sku: 'BRW-FLT-100', name: 'Paper filters, size 02, 100 pack', category: 'Brewing', priceCents: 690, costCents: 240, stock: 300, description: 'Oxygen-bleached, rinse before use. Fits every cone dripper of size 02.' },
  { sku: 'BRW-KET-GN', name: 'Gooseneck kettle, 0.9 L', category: 'Brewing', priceCents: 6990, costCents: 3400, stock: 14, description: 'Stainless steel with a fine spout for a slow, steady pour. Works on induction.' },
  { sku: 'BRW-KET-EL', name: 'Electric gooseneck kettle with thermostat', category: 'Brewing', priceCents: 12900, costCents: 7100, stock: 6, description: 'Holds the water at any temperature from 40 to 100 °C for an hour.' },
  { sku: 'BRW-GRD-HND', name: 'Hand grinder, steel burrs', category: 'Brewing', priceCents: 8900, costCents: 4300, stock: 21, description: '38 mm conical burrs, 30 clicks per turn, from Turkish to French press.' },
  { sku: 'BRW-GRD-ELE', name: 'Electric burr grinder', category: 'Brewing', priceCents: 19900, costCents: 11200, stock: 5, description: 'Flat 64 mm burrs, stepless adjustment, single-dose hopper with bellows.' },
  { sku: 'BRW-FRP-1L', name: 'French press, 1 L', category: 'Brewing', priceCents: 3490, costCents: 1500, stock: 33, description: 'Borosilicate glass and a double mesh filter that keeps the silt out.' },
  { sku: 'BRW-AER-01', name: 'Immersion press for one cup', category: 'Brewing', priceCents: 3990, costCents: 2050, stock: 28, description: 'Brews in two minutes, rinses clean in ten seconds, travels anywhere.' },
  { sku: 'BRW-MOK-6', name: 'Stovetop moka pot, 6 cups', category: 'Brewing', priceCents: 3290, costCents: 1450, stock: 19, description: 'Cast aluminium, the Italian classic. Take it off the heat when it starts to gurgle.' },
  { sku: 'BRW-SCL-01', name: 'Coffee scale with timer', category: 'Brewing', priceCents: 4490, costCents: 2100, stock: 8, description: '0.1 g resolution up to 2 kg, auto-start timer, rechargeable over USB-C.' },
  { sku: 'BRW-CLD-1L', name: 'Cold brew jar, 1 L', category: 'Brewing', priceCents: 2990, costCents: 1300, stock: 24, description: 'A fine mesh insert for twelve hours of steeping in the fridge.' },
  { sku: 'BRW-SIP-01', name: 'Vacuum siphon brewer', category: 'Brewing', priceCents: 8490, costCents: 4700, stock: 1, description: 'Two glass globes and a spirit burner: theatre and a very clean cup.', isActive: false },
  { sku: 'KIT-MUG-SET', name: 'Stoneware mugs, set of 4', category: 'Kitchen', priceCents: 3890, costCents: 1600, stock: 30, description: 'Reactive glaze in sand and slate, 300 ml, dishwasher safe.' },
  { sku: 'KIT-CUP-ESP', name: 'Espresso cups and saucers, set of 2', category: 'Kitchen', priceCents: 2190, costCents: 900, stock: 44, description: 'Thick porcelain walls that keep a ristretto hot to the last sip.' },
  { sku: 'KIT-TPT-08', name: 'Cast iron teapot, 0.8 L', category: 'Kitchen', priceCents: 5490, costCents: 2600, stock: 12, description: 'Enamelled inside, with a removable stainless infuser.' },
  { sku: 'KIT-JUG-35', name: 'Milk pitcher, 350 ml', category: 'Kitchen', priceCents: 1890, costCents: 750, stock: 52, description: 'A sharp spout for latte art, with measuring lines inside.' },
  { sku: 'KIT-CAN-500', name: 'Airtight coffee canister, 500 g', category: 'Kitchen', priceCents: 2790, costCents: 1200, stock: 7, description: 'A one-way valve lets CO2 out and keeps oxygen away from your beans.' },
  { sku: 'KIT-TOW-3', name: 'Linen tea towels, set of 3', category: 'Kitchen', priceCents: 2490, costCents: 980, stock: 66, description: 'Stonewashed French linen that dries glass without a streak.' },
  { sku: 'KIT-BOA-OAK', name: 'Oak serving board', category: 'Kitchen', priceCents: 4290, costCents: 1900, stock: 15, description: 'Solid European oak, oiled, with a juice groove on one side.' },
  { sku: 'PAN-CHO-70', name: 'Dark chocolate 70%, 100 g', category: 'Pantry', priceCents: 590, costCents: 240, stock: 140, description: 'Bean-to-bar from Peruvian cacao: red fruit and roasted nuts.' },
  { sku: 'PAN-BIS-200', name: 'Butter biscuits from Brittany, 200 g', category: 'Pantry', priceCents: 490, costCents: 190, stock: 110, description: 'Salted butter, flour, sugar and eggs, baked golden. Nothing else.' },
  { sku: 'PAN-HON-250', name: 'Lavender honey, 250 g', category: 'Pantry', priceCents: 990, costCents: 450, stock: 26, description: 'Creamed honey from hives in the Drôme, delicate and floral.' },
  { sku: 'PAN-SYR-VAN', name: 'Vanilla syrup, 250 ml', category: 'Pantry', priceCents: 790, costCents: 300, stock: 5, description: 'Cane sugar and real vanilla pods, for lattes and cocktails.' },
  { sku: 'PAN-CAR-200', name: 'Salted butter caramel spread, 200 g', category: 'Pantry', priceCents: 850, costCents: 360, stock: 38, description: 'Slow-cooked in copper pans with Guérande salt.' },
  { sku: 'PAN-ALM-200', name: 'Roasted almonds, 200 g', category: 'Pantry', priceCents: 690, costCents: 310, stock: 0, description: 'Valencia almonds roasted in small batches with a pinch of sea salt.' },
  { sku: 'GFT-CRD-50', name: 'Gift card, 50 €', category: 'Gifts', priceCents: 5000, costCents: 0, stock: 999, description: 'Sent by e-mail, valid for a year on everything in the shop.' },
  { sku: 'GFT-BOX-DIS', name: 'Discovery gift box', category: 'Gifts', priceCents: 4990, costCents: 2500, stock: 10, description: 'Two coffees, one tea, biscuits and chocolate in a reusable tin.' },
]

export interface DemoOrder {
  status: 'pending' | 'confirmed' | 'shipped' | 'delivered' | 'cancelled'
  daysAgo: number
  items: [sku: string, quantity: number][]
}

/** A few past orders of the demo customer, so that best sellers and order history are not empty. */
export const DEMO_ORDERS: DemoOrder[] = [
  { status: 'delivered', daysAgo: 20, items: [['COF-ESP-1KG', 2], ['BRW-FLT-100', 3]] },
  { status: 'delivered', daysAgo: 14, items: [['COF-ETH-250', 2], ['TEA-EAR-100', 1]] },
  { status: 'cancelled', daysAgo: 9, items: [['BRW-GRD-ELE', 1]] },
  { status: 'shipped', daysAgo: 5, items: [['COF-ESP-1KG', 1], ['PAN-CHO-70', 4], ['PAN-BIS-200', 2], ['COF-KEN-250', 2]] },
  { status: 'confirmed', daysAgo: 2, items: [['BRW-V60-02', 1], ['BRW-FLT-100', 2], ['COF-COL-250', 1]] },
  { status: 'pending', daysAgo: 0, items: [['COF-ESP-1KG', 1], ['TEA-MAT-30', 1]] },
]

/** The demo shop's welcome code: 10 % off, once per customer. */
export const DEMO_DISCOUNT_CODE = { code: 'BIENVENUE10', description: 'Welcome: 10% off your first order', percentBp: 1000, maxUsesPerCustomer: 1 }
