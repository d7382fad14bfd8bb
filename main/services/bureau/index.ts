export { createBureauService, type BureauService } from './bureau-service';
export { createReceiptService, type ReceiptService } from './receipt-service';
