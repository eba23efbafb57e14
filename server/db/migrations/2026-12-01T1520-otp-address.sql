-- One-time codes per network address (issue 7, join drives): many honest phones share one address
-- (a factory's Wi-Fi, a carrier's NAT), so an address is not limited by how many codes it asks for
-- but by how many it gets wrong. Each failed verification leaves a row; an address with too many in
-- the window is refused new codes for a while. Rows older than a day are of no use (purged).
CREATE TABLE otp_address_failures (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  address    text NOT NULL CHECK (char_length(address) <= 64),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_address_failures_idx ON otp_address_failures (address, created_at);
