/** Spellings of a service name, for matching and for names derived from it. Dependency-free, so rules can import it. */

/** A service name without its `-service` suffix, lower-cased: `Billing-Service` → `billing`. */
function serviceStem(name: string): string {
  return name.toLowerCase().replace(/[-_]?service$/, '');
}

/** What two spellings of one service share: `billing-service`, `billing_service` and `Billing` → `billing`. */
export function serviceKey(name: string): string {
  return serviceStem(name).replace(/[^a-z0-9]/g, '');
}

/** The table prefix a service gets unless the config or the learned convention says otherwise: `payment-gateway-service` → `payment_gateway_`. */
export function defaultPrefix(serviceName: string): string {
  return `${serviceSnakeName(serviceName)}_`;
}

/** A service name as a snake_case identifier part: `payment-gateway-service` → `payment_gateway`. */
export function serviceSnakeName(name: string): string {
  return serviceStem(name).replace(/[^a-z0-9]+/g, '_');
}
