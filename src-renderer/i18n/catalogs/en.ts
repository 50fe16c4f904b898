/**
 * English: the reference catalog. Every key here must exist in uk and zh-Hans (the type of
 * those catalogs and tests/unit/i18n-catalogs.test.ts both enforce it). Messages are ICU
 * MessageFormat; money and dates arrive already formatted (see translator.ts) so a message
 * never decides a currency or a time zone.
 *
 * Key prefixes: `app.`, `status.`, `nav.`, `sell.`, `seat.`, `cart.`, `tender.`, `refund.`,
 * `exchange.`, `staff.`, `locale.`, `common.`; `storage.` for the store's typed errors;
 * `reason.` for refund-policy reason codes; `error.` for domain command error codes.
 */
export const en = {
  'app.title': 'Box Office',
  'app.loading': 'Starting the till…',
  'app.ready': 'Ready to sell',

  'status.online': 'Online',
  'status.offline': 'Offline',
  'status.syncQueue':
    '{count, plural, =0 {Not syncing: no server yet} one {Not syncing: no server yet · # entry kept here} other {Not syncing: no server yet · # entries kept here}}',
  'status.printer.ready': 'Printer ready',
  'status.printer.paperOut': 'Printer: paper out',
  'status.printer.coverOpen': 'Printer: cover open',
  'status.printer.offline': 'Printer offline',
  'status.scanner.ready': 'Scanner ready',
  'status.scanner.offline': 'Scanner not connected',
  'status.shift.open': 'Shift {number} open since {time}',
  'status.shift.closed': 'No shift open',
  'status.staff': 'Signed in: {name}',
  'status.storage.persisted': 'Storage kept on this till',
  'status.storage.notPersisted': 'Storage may be cleared by the browser',
  'status.training': 'Training mode — nothing is real',

  'nav.sell': 'Sell',
  'nav.refund': 'Refund',
  'nav.exchange': 'Exchange',
  'nav.shift': 'Shift',
  'nav.settings': 'Settings',

  'sell.pickPerformance': 'Choose a performance',
  'sell.today': 'Today',
  'sell.upcoming': 'Coming up',
  'sell.search': 'Search events',
  'sell.searchEmpty': 'Nothing matches “{query}”.',
  'sell.performanceAt': '{event} — {date}',
  'sell.cancelled': 'Cancelled',
  'sell.postponed': 'Postponed',
  'sell.soldOut': 'Sold out',
  'sell.available': '{count, plural, one {# seat left} other {# seats left}}',
  'sell.tier': '{name}: {price}',
  'sell.quantity': 'Quantity',
  'sell.promoCode': 'Promo code',
  'sell.promoApplied': 'Promo “{code}” applied: {discount} off',
  'sell.customer': 'Customer (optional)',
  'sell.customerName': 'Name',
  'sell.customerEmail': 'E-mail',
  'sell.limitReached':
    'At most {limit, plural, one {# ticket} other {# tickets}} per order for this performance.',
  'sell.confirm': 'Confirm sale',
  'sell.completed':
    'Sale {receipt} done. {count, plural, one {# ticket} other {# tickets}} printed.',

  'seat.map': 'Seat map',
  'seat.label': 'Row {row}, seat {seat}',
  'seat.available': 'Available',
  'seat.selected': 'Selected',
  'seat.sold': 'Sold',
  'seat.held': 'Held',
  'seat.leased': 'Held by another till',
  'seat.accessible': 'Wheelchair accessible',
  'seat.bestAvailable': 'Best available for {count, plural, one {# seat} other {# seats}}',
  'seat.noneTogether': 'No {count} seats together are free. Pick seats by hand.',

  'cart.title': 'Cart',
  'cart.empty': 'The cart is empty.',
  'cart.tickets': '{count, plural, one {# ticket} other {# tickets}}',
  'cart.total': 'Total {amount}',
  'cart.remove': 'Remove',
  'cart.resumed': 'The cart from before the restart was restored.',
  'cart.abandoned': 'The cart was abandoned and its seats released.',

  'tender.cash': 'Cash',
  'tender.card': 'Card (terminal)',
  'tender.voucher': 'Credit voucher',
  'tender.split': 'Split payment',
  'tender.tendered': 'Tendered',
  'tender.changeDue': 'Change due: {amount}',
  'tender.stillDue': 'Still to pay: {amount}',
  'tender.approvalCode': 'Approval code',
  'tender.last4': 'Last 4 digits of the card',
  'tender.voucherCode': 'Voucher code',
  'tender.quickCash': 'Exact {amount}',

  'refund.find': 'Scan a ticket, or type a receipt number or customer name',
  'refund.notFound': 'No order found for “{query}”.',
  'refund.order': 'Receipt {receipt}, sold {date}',
  'refund.chooseTickets': 'Choose the tickets to refund',
  'refund.amount': 'Refund {amount}',
  'refund.paidOut': 'Customer receives {amount}',
  'refund.fee': 'Fee {amount}',
  'refund.method': 'Refund to',
  'refund.method.cash': 'Cash',
  'refund.method.card': 'The original card',
  'refund.method.asPaidCash': 'As paid (in cash)',
  'refund.method.asPaid': 'As paid (the original payments)',
  'refund.method.voucher': 'Credit voucher',
  'refund.voucherBonus': 'Credit voucher with {bonus}% bonus: {amount}',
  'refund.needsApproval': 'A {role} must approve this refund.',
  'refund.confirm': 'Confirm refund',
  'refund.completed': 'Refund of {amount} done. Voucher printed.',

  'exchange.chooseTickets': 'Choose the tickets to exchange',
  'exchange.choosePerformance': 'Choose the new performance',
  'exchange.difference': 'Price difference: {amount}',
  'exchange.fee': 'Exchange fee: {amount}',
  'exchange.customerPays': 'Customer pays {amount}',
  'exchange.customerGets': 'Customer gets back {amount}',
  'exchange.even': 'Nothing to pay either way',
  'exchange.confirm': 'Confirm exchange',
  'exchange.completed':
    'Exchange done. {count, plural, one {# new ticket} other {# new tickets}} printed.',

  'staff.enterPin': 'Enter your PIN',
  'staff.wrongPin':
    'Wrong PIN. {left, plural, one {# try left} other {# tries left}} before the till locks.',
  'staff.locked': 'Too many wrong PINs. Try again at {time}, or ask a manager.',
  'staff.supervisorPin': 'Supervisor PIN to approve',
  'staff.signOut': 'Sign out',
  'staff.role.kiosk': 'kiosk',
  'staff.role.cashier': 'cashier',
  'staff.role.supervisor': 'supervisor',
  'staff.role.manager': 'manager',

  'locale.label': 'Language',
  'locale.en': 'English',
  'locale.uk': 'Українська',
  'locale.zh-Hans': '简体中文',

  'common.cancel': 'Cancel',
  'common.back': 'Back',
  'common.ok': 'OK',
  'common.retry': 'Try again',
  'common.print': 'Print',
  'common.reprint': 'Print a copy',
  'common.close': 'Close',

  'storage.storage_full':
    "This till's storage is full. Nothing was saved. Ask a manager to sync and free space.",
  'storage.not_strict':
    'The sale was not saved: the till could not guarantee it would survive a power cut. Restart the app and try again.',
  'storage.conflict': 'Another window saved at the same moment. Nothing was saved; try again.',
  'storage.unavailable':
    "The till's storage cannot be opened. Nothing was saved. Restart the app; if it happens again, call support.",
  'storage.version_conflict':
    'A newer version of the app is open in another window. Close it and restart this one.',
  'storage.constraint': 'This record already exists. Nothing was saved.',
  'storage.aborted': 'Saving was interrupted. Nothing was saved; try again.',
  'storage.projection_failed': 'The change could not be applied. Nothing was saved.',
  'storage.invalid_argument': 'The change is not valid and was not saved.',
  'storage.io_error': "The till's disk reported an error. Nothing was saved. Call support.",

  'duration.days': '{count, plural, one {# day} other {# days}}',
  'duration.hours': '{count, plural, one {# hour} other {# hours}}',
  'duration.minutes': '{count, plural, one {# minute} other {# minutes}}',

  'reason.window_full':
    'Full refund: the performance is {left} away (full refunds until {before} before).',
  'reason.window_partial':
    '{percent}% refund: the performance is {left} away (this rate applies until {before} before).',
  'reason.window_closed':
    '{hasClosedHoursBefore, select, yes {No refund: refunds closed {before} before the performance, which is {left} away.} other {No refund: this ticket is not refundable under its policy.}}',
  'reason.performance_started': 'No refund: the performance has already started.',
  'reason.performance_cancelled':
    '{percent, select, 100 {Full refund} other {{percent}% refund}}: the performance was cancelled.',
  'reason.performance_postponed':
    '{percent, select, 100 {Full refund} other {{percent}% refund}}: the performance was postponed.',
  'reason.tier_non_refundable': 'No refund: tickets of this price category are non-refundable.',
  'reason.ticket_used': 'No refund: this ticket has already been used to enter.',
  'reason.ticket_already_refunded': 'No refund: this ticket has already been refunded.',
  'reason.ticket_voided': 'No refund: this ticket was voided.',
  'reason.ticket_exchanged': 'No refund: this ticket was exchanged for another one.',
  'reason.currency_mismatch':
    'No refund here: the ticket was paid in {ticketCurrency} but its policy is in {policyCurrency}.',
  'reason.override_after_deadline':
    '{percent}% refund after the deadline as an exception: a {role} must approve it with a reason.',
  'reason.fee_percent':
    'Cancellation fee {fee} ({percent}% of {base}{clamped, select, min {, the minimum fee} max {, the maximum fee} other {}}).',
  'reason.fee_fixed_per_ticket': 'Refund fee {fee} per ticket.',
  'reason.fee_order_share': "This ticket's share of the {orderFee} per-refund fee: {fee}.",
  'reason.fees_waived': 'No refund fees: the venue changed the performance.',
  'reason.fee_exceeds_refund': 'Nothing to refund: the fees are as large as the refundable {base}.',
  'reason.booking_fee_returned': 'The booking fee of {fee} is returned.',
  'reason.booking_fee_kept': 'The booking fee of {fee} is not refundable.',
  'reason.approval_required':
    '{hasLimit, select, yes {A {role} must approve this refund: {total} is over the {limit} limit.} other {A {role} must approve this refund of {total}.}}',
  'reason.cash_only_for_cash_purchases': 'Cash refunds are only for purchases paid in cash.',
  'reason.cash_limit': 'Cash refunds are limited to {limit}.',
  'reason.cash_paid_less':
    'Only {paid} of this order was paid in cash: refund the rest to the original payment or as a voucher.',
  'reason.cash_not_allowed': 'This policy does not allow cash refunds.',
  'reason.original_tender_not_allowed': 'This policy does not refund to the original payment.',
  'reason.original_tender_exhausted': 'Only {max} is left to refund to the original payment.',
  'reason.voucher_bonus':
    'A credit voucher adds {percent}% ({bonus}): the voucher is worth {value}.',
  'reason.voucher_not_allowed': 'This policy does not offer credit vouchers.',

  'error.invalid_argument': 'Something entered is not valid. Check it and try again.',
  'error.card_number_rejected':
    'Never type a card number. Enter only the approval code and the last 4 digits.',
  'error.currency_mismatch': 'The amounts are in different currencies. Call a manager.',
  'error.not_logged_in': 'Sign in first.',
  'error.forbidden': 'Your role may not do this. Ask a supervisor.',
  'error.approval_required': 'This needs approval by a supervisor or manager.',
  'error.shift_not_open': 'Open a shift first.',
  'error.shift_already_open': 'A shift is already open on this till.',
  'error.invalid_state': 'That cannot be done right now.',
  'error.not_found': 'Not found. Check the number or scan again.',
  'error.sales_closed': 'Sales for this performance are closed.',
  'error.sold_out': 'Sold out. Choose other seats or another performance.',
  'error.limit_exceeded': 'That is over the limit for this order.',
  'error.underpaid': 'Not enough has been paid yet.',
  'error.overpaid': 'More was paid than is due. Only cash can give change.',
  'error.not_refundable': 'This cannot be refunded.',
  'error.not_exchangeable': 'This cannot be exchanged.',
  'error.signing_failed': 'The tickets could not be signed. Nothing was sold. Call support.',
  'error.unknown_staff': 'This staff member is not known on this till.',
  'error.locked': 'Too many wrong PINs. Try again at {lockedUntil}, or ask a manager.',
  'error.wrong_pin':
    'Wrong PIN. {attemptsLeft, plural, one {# try left} other {# tries left}} before the lockout.',
  'error.invalid_pin': 'A PIN is 4 to 8 digits.',
  'error.seat_unavailable':
    'That seat was just sold or is held in another cart. Choose another seat.',
  'error.not_enough_seats': 'Not enough seats of that kind are free. Pick fewer, or by hand.',
  'error.not_for_this_tier': 'That seat is not sold at this price. Choose another seat.',
  'error.store_error': 'The seat could not be held: the till could not save. Try again.',

  'status.trainingBadge': 'TRAINING',
  'void.action': 'Void this sale',
  'void.title': 'Void sale {receipt}',
  'void.explain':
    'Every ticket of this sale is cancelled, its seats go back on sale and {amount} is given back as it was paid. A supervisor must approve.',
  'void.reason': 'Reason (at least 3 characters)',
  'void.confirm': 'Void the sale',
  'void.approval': 'Voiding sale {receipt} ({amount}) needs a supervisor’s approval.',
  'void.saving': 'Voiding…',
  'void.done': 'Sale {receipt} voided (void {voidReceipt}). {amount} goes back to the customer.',
  'void.drawerOpened': 'The drawer is open: give back {amount} in cash.',
  'void.drawerFailed':
    'The drawer did not open ({message}). Open it with a no-sale on the shift screen.',
  'void.printQueued': 'The void slip is waiting for the printer.',
  'void.printFailed': 'The void slip did not print: {message}',
  'shift.training.title': 'Training mode',
  'shift.training.explain':
    'Practice sales and refunds with their own receipt numbers; nothing counts in real reports. Switch it only between shifts; a supervisor approves.',
  'shift.training.switch': 'Training mode on',
  'shift.training.approval': 'Switching training mode needs a supervisor’s approval.',
  'shift.training.switchedOn': 'Training mode is on: the next shift is practice.',
  'shift.training.switchedOff': 'Training mode is off: the next shift is real.',
  'error.void_other_shift':
    'Only sales from the current shift can be voided. Refund this order instead.',
  'error.void_ticket_not_valid':
    'A ticket of this sale was already used, refunded or exchanged, so the sale cannot be voided. Refund the rest instead.',
} as const;

export type MessageKey = keyof typeof en;
