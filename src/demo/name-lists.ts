/**
 * Weighted surname lists for the demo city. The weights are roughly the 2010 US Census
 * counts per 100,000 people, so common names (Smith, Garcia) are shared by many customers
 * and the long tail (from faker's lists) is rare — the shape that makes "search ranks the
 * right Smith" a real test. Mesa, AZ is about 27 % Hispanic (demo-city-facts.md §1).
 */
export const commonSurnames: readonly (readonly [string, number])[] = [
  ['Smith', 828], ['Johnson', 655], ['Williams', 550], ['Brown', 497], ['Jones', 496],
  ['Miller', 393], ['Davis', 383], ['Wilson', 280], ['Anderson', 272], ['Thomas', 266],
  ['Taylor', 263], ['Moore', 248], ['Jackson', 246], ['Martin', 242], ['Lee', 233],
  ['Thompson', 224], ['White', 222], ['Harris', 209], ['Clark', 189], ['Lewis', 181],
  ['Robinson', 179], ['Walker', 172], ['Young', 165], ['Allen', 163], ['King', 160],
  ['Wright', 159], ['Scott', 149], ['Nguyen', 147], ['Hill', 145], ['Green', 143],
  ['Adams', 142], ['Nelson', 141], ['Baker', 139], ['Hall', 135], ['Campbell', 129],
  ['Mitchell', 128], ['Carter', 126], ['Roberts', 126], ['Phillips', 113], ['Evans', 112],
  ['Turner', 111], ['Parker', 108], ['Collins', 106], ['Edwards', 105], ['Stewart', 104],
  ['Morris', 102], ['Murphy', 101], ['Cook', 100], ['Rogers', 99], ['Morgan', 91],
  ['Peterson', 90], ['Cooper', 90], ['Reed', 89], ['Bailey', 89], ['Bell', 88],
  ['Kelly', 86], ['Howard', 85], ['Ward', 85], ['Cox', 84], ['Richardson', 82],
  ['Wood', 81], ['Watson', 80], ['Brooks', 80], ['Bennett', 79], ['Gray', 79],
  ['James', 79], ['Hughes', 77], ['Price', 77], ['Sanders', 77], ['Myers', 75],
  ['Long', 75], ['Ross', 75], ['Foster', 74], ['Powell', 72], ['Jenkins', 72],
  ['Perry', 72], ['Russell', 71], ['Sullivan', 70], ['Patel', 70], ['Kim', 68],
  ['Tran', 60], ['Begay', 40], ['Yazzie', 35], ['Larsen', 30], ['Udall', 8],
];

export const hispanicSurnames: readonly (readonly [string, number])[] = [
  ['Garcia', 395], ['Rodriguez', 374], ['Martinez', 370], ['Hernandez', 361], ['Lopez', 297],
  ['Gonzalez', 288], ['Perez', 225], ['Sanchez', 208], ['Ramirez', 187], ['Torres', 148],
  ['Flores', 145], ['Rivera', 135], ['Gomez', 122], ['Diaz', 119], ['Reyes', 100],
  ['Morales', 93], ['Cruz', 91], ['Ortiz', 89], ['Gutierrez', 87], ['Chavez', 85],
  ['Ramos', 83], ['Ruiz', 80], ['Alvarez', 79], ['Mendoza', 77], ['Castillo', 70],
  ['Jimenez', 70], ['Vasquez', 65], ['Moreno', 65], ['Romero', 62], ['Herrera', 60],
  ['Medina', 58], ['Aguilar', 57], ['Vargas', 55], ['Guzman', 50], ['Mendez', 49],
  ['Salazar', 48], ['Soto', 48], ['Delgado', 46], ['Peña', 45], ['Rios', 44],
  ['Contreras', 43], ['Sandoval', 42], ['Guerrero', 42], ['Estrada', 41], ['Ortega', 40],
  ['Valenzuela', 38], ['Figueroa', 37], ['Núñez', 36], ['Acosta', 36], ['Espinoza', 36],
  ['Juárez', 35], ['Dominguez', 34], ['Navarro', 34], ['Maldonado', 33], ['Molina', 33],
  ['Cordova', 25], ['Montoya', 24], ['Tapia', 20], ['Lujan', 18], ['Quintero', 15],
];

/** Share of the total surname weight that goes to faker's long tail of rarer names. */
export const tailSurnameShare = 0.5;

export const businessKinds: readonly string[] = [
  'Auto Repair', 'Tire & Lube', 'Dental Care', 'Family Pharmacy', 'Taqueria', 'Coffee Co.',
  'Hair Studio', 'Nail Spa', 'Pet Hospital', 'Car Wash', 'Laundromat', 'Fitness',
  'Insurance Agency', 'Tax Service', 'Plumbing', 'Air Conditioning', 'Pool Supply',
  'Bakery', 'Grill', 'Pizzeria', 'Market', 'Furniture', 'Hardware', 'Print Shop',
  'Chiropractic', 'Veterinary Clinic', 'Bike Shop', 'Thrift Store', 'Barber Shop',
  'Child Care Center', 'Self Storage', 'Florist', 'Boutique', 'Law Office', 'Realty',
];

export const businessPlaces: readonly string[] = [
  'Desert', 'Superstition', 'Red Mountain', 'Usery', 'Sonoran', 'Saguaro', 'Falcon Field',
  'Dobson Ranch', 'Riverview', 'Main Street', 'Fiesta', 'Apache', 'Lehi', 'Alta Mesa',
  'Las Sendas', 'Eastmark', 'Sunland', 'Palo Verde', 'Mesquite', 'Ironwood', 'Cactus',
  'Copper State', 'Valley', 'East Valley', 'Canyon', 'Granite Reef', 'Salt River', 'Sunrise',
];

export const businessSuffixes: readonly string[] = ['LLC', 'Inc', 'Co', 'LLC', '', '', ''];

export const irrigationOwners: readonly string[] = [
  'Homeowners Association', 'HOA', 'Community Association', 'Park Association',
  'Golf Club', 'Church', 'School District Grounds', 'Landscape Maintenance LLC',
];

export const contractorKinds: readonly string[] = [
  'Construction LLC', 'Builders Inc', 'Excavating', 'Paving Co', 'Homes LLC', 'Contracting',
];

/** Local E/W street names (Mesa-flavoured); suffixes multiply them into a grid. */
export const localStreetNames: readonly string[] = [
  'Jacaranda', 'Palo Verde', 'Mesquite', 'Ironwood', 'Saguaro', 'Ocotillo', 'Juniper',
  'Hermosa', 'Dartmouth', 'Harvard', 'Emerald', 'Fountain', 'Hampton', 'Inverness',
  'Javelina', 'Kiowa', 'Lehi', 'Medina', 'Navarro', 'Obispo', 'Pueblo', 'Quenby',
  'Rosemont', 'Sierra', 'Tierra Buena', 'Vista', 'Willetta', 'Catalina', 'Coronado',
  'Dover', 'Elm', 'Fairway', 'Glade', 'Holmes', 'Isabella', 'Jerome', 'Kael', 'Lindner',
  'Mallory', 'Nance', 'Oasis', 'Pepper', 'Quartz', 'Rio Verde', 'Sandra', 'Tyson',
  'Univ Heights', 'Varden', 'Wildrose', 'Yucca', 'Zuni', 'Anasazi', 'Birchwood',
  'Cicero', 'Des Moines', 'Encanto', 'Florian', 'Greenway', 'Hobart', 'Ivyglen',
];
export const localStreetSuffixes: readonly string[] = ['St', 'Ave', 'Dr', 'Cir'];
