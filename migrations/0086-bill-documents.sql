-- Bill documents (issue 4 item 5, BIL-7, BIL-11). Owned by src/modules/billing.
-- conservation_tip: the tips printed on bills are data, chosen per bill by service, the
-- account's usage band against its own history and the season (billing/document/choose-tip.ts).
-- bill_delivery: one row per bill and channel (print / email): delivering twice is a no-op,
-- a failed e-mail is retried by the next `cis bills email` (attempts counts the tries).

CREATE TABLE conservation_tip (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  service          text NOT NULL CHECK (service IN ('water', 'electric', 'gas', 'irrigation', 'any')),
  usage_band       text NOT NULL CHECK (usage_band IN ('high', 'typical', 'low', 'any')),
  season           text NOT NULL CHECK (season IN ('summer', 'winter', 'any')),
  priority         smallint NOT NULL DEFAULT 100,   -- lower first among equally specific tips
  text_en          text NOT NULL CHECK (length(text_en) BETWEEN 1 AND 400),
  text_es          text NOT NULL CHECK (length(text_es) BETWEEN 1 AND 400),
  active           boolean NOT NULL DEFAULT true
);

INSERT INTO conservation_tip (service, usage_band, season, priority, text_en, text_es) VALUES
  ('water', 'high', 'summer', 10,
   'Your water use is up from last year. Outdoor watering is most of a summer bill: water before 8 a.m., check drip lines for leaks, and follow the city''s seasonal watering guide.',
   'Su consumo de agua subió respecto al año pasado. El riego exterior es la mayor parte de la factura en verano: riegue antes de las 8 a.m., revise fugas en el goteo y siga la guía de riego de temporada de la ciudad.'),
  ('water', 'high', 'winter', 10,
   'Your water use is higher than usual for winter. A running toilet can waste 200 gallons a day: put a few drops of food coloring in the tank and see if it reaches the bowl without flushing.',
   'Su consumo de agua es más alto de lo normal para el invierno. Un inodoro que gotea puede desperdiciar 200 galones al día: ponga unas gotas de colorante en el tanque y vea si pasa a la taza sin jalar la cadena.'),
  ('water', 'typical', 'summer', 50,
   'Desert landscaping needs about half the water of grass. Ask about the city''s grass-to-xeriscape rebate.',
   'El paisajismo desértico necesita la mitad del agua que el césped. Pregunte por el reembolso de la ciudad para cambiar césped por xerojardinería.'),
  ('water', 'typical', 'winter', 50,
   'Winter lawns need water only every 2 to 3 weeks. Turn your irrigation controller down for the cool months.',
   'En invierno el césped necesita agua solo cada 2 o 3 semanas. Reduzca el programa de su controlador de riego en los meses frescos.'),
  ('water', 'low', 'any', 50,
   'Thank you for using less water than last year. Every gallon saved helps keep rates low for everyone.',
   'Gracias por usar menos agua que el año pasado. Cada galón ahorrado ayuda a mantener tarifas bajas para todos.'),
  ('electric', 'high', 'summer', 10,
   'Your electric use is up. Setting the thermostat to 78°F when home and higher when away can save up to 10% on cooling.',
   'Su consumo de electricidad subió. Poner el termostato en 78°F cuando está en casa, y más alto al salir, puede ahorrar hasta un 10% en enfriamiento.'),
  ('electric', 'any', 'any', 90,
   'LED bulbs use about 75% less energy than incandescent bulbs and last many years longer.',
   'Los focos LED usan cerca de 75% menos energía que los incandescentes y duran muchos años más.'),
  ('gas', 'high', 'winter', 10,
   'Your gas use is up. Lowering the water heater to 120°F and sealing drafts around doors and windows cuts heating costs.',
   'Su consumo de gas subió. Bajar el calentador de agua a 120°F y sellar corrientes de aire en puertas y ventanas reduce el costo de calefacción.'),
  ('gas', 'any', 'any', 90,
   'Have your gas furnace and water heater checked once a year: a tuned appliance burns less gas and is safer.',
   'Revise su calefactor y calentador de agua de gas una vez al año: un aparato ajustado gasta menos gas y es más seguro.'),
  ('any', 'any', 'any', 100,
   'Sign up for paperless billing and SurePay at the city''s utility website: your bill arrives sooner and is never late.',
   'Inscríbase en la factura sin papel y en SurePay en el sitio web de servicios de la ciudad: su factura llega antes y nunca se atrasa.');

CREATE TABLE bill_delivery (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  bill_id          bigint NOT NULL REFERENCES bill (id),
  account_id       bigint NOT NULL,            -- shard key, copied from the bill
  channel          text NOT NULL CHECK (channel IN ('print', 'email')),
  status           text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  address          text NOT NULL,              -- e-mail address, or the mailing zip + print file
  detail           text,                       -- SMTP answer, error, or the .eml / print file path
  attempts         int NOT NULL DEFAULT 1 CHECK (attempts >= 1),
  at               timestamptz NOT NULL,       -- the last attempt
  UNIQUE (bill_id, channel)
);
CREATE INDEX bill_delivery_failed ON bill_delivery (channel) WHERE status <> 'sent';
