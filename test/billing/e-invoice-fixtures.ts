/** The platform as seller and the example customer as buyer of the test invoices. */
import type { BuyerDetails, SellerDetails } from '../../src/billing/index.js'

export const seller: SellerDetails = {
  name: 'Symphony Marketplace GmbH',
  vatId: 'DE811111111',
  address: { street: 'Marktplatz 1', city: 'Berlin', postcode: '10117', country: 'DE' },
  contactName: 'Billing',
  phone: '+49 30 1234567',
  email: 'billing@symphony.example',
  iban: 'DE02120300000000202051',
  bic: 'BYLADEM1001'
}

export const buyer: BuyerDetails = {
  address: { street: 'Hauptstraße 5', city: 'München', postcode: '80331', country: 'DE' },
  email: 'accounts@acme.example'
}
