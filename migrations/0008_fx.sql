-- Cash in another currency (a tourist's dollars at a dirham till), DESIGN.md section 3 money rules:
-- the owner keeps daily rates; a payment records the foreign amount and the rate beside the amount
-- in the shop's currency, which is what the books hold. Change is given in the shop's currency.

CREATE TABLE fx_rates (
    currency    TEXT NOT NULL,          -- ISO 4217, not the shop's
    day         TEXT NOT NULL,          -- local day 'YYYY-MM-DD' from which it applies
    rate        TEXT NOT NULL,          -- units of the shop's currency for one unit of `currency`
    recorded_at TEXT NOT NULL,
    user_id     TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (currency, day)
) WITHOUT ROWID;

-- NULL currency: the shop's own. amount_minor stays in the shop's currency.
ALTER TABLE payments ADD COLUMN currency TEXT;
ALTER TABLE payments ADD COLUMN foreign_minor INTEGER;
ALTER TABLE payments ADD COLUMN rate TEXT;
ALTER TABLE buyer_payments ADD COLUMN currency TEXT;
ALTER TABLE buyer_payments ADD COLUMN foreign_minor INTEGER;
ALTER TABLE buyer_payments ADD COLUMN rate TEXT;
