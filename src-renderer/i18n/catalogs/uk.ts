import type { MessageKey } from './en';

/**
 * Ukrainian. Plurals use all four CLDR categories: one (1, 21, 31…), few (2–4, 22–24…),
 * many (0, 5–20, 25–30…), other (fractions).
 */
export const uk: Record<MessageKey, string> = {
  'app.title': 'Каса',
  'app.loading': 'Каса запускається…',
  'app.ready': 'Готово до продажу',

  'status.online': 'Онлайн',
  'status.offline': 'Офлайн',
  'status.syncQueue':
    '{count, plural, =0 {Без синхронізації: сервера ще немає} one {Без синхронізації: сервера ще немає · # запис тут} few {Без синхронізації: сервера ще немає · # записи тут} many {Без синхронізації: сервера ще немає · # записів тут} other {Без синхронізації: сервера ще немає · # запису тут}}',
  'status.printer.ready': 'Принтер готовий',
  'status.printer.paperOut': 'Принтер: закінчився папір',
  'status.printer.coverOpen': 'Принтер: відкрита кришка',
  'status.printer.offline': 'Принтер не на звʼязку',
  'status.scanner.ready': 'Сканер готовий',
  'status.scanner.offline': 'Сканер не підключено',
  'status.shift.open': 'Зміна {number} відкрита з {time}',
  'status.shift.closed': 'Зміну не відкрито',
  'status.staff': 'Увійшов(ла): {name}',
  'status.storage.persisted': 'Дані зберігаються на цій касі',
  'status.storage.notPersisted': 'Браузер може очистити дані',
  'status.training': 'Навчальний режим — усе не по-справжньому',

  'nav.sell': 'Продаж',
  'nav.refund': 'Повернення',
  'nav.exchange': 'Обмін',
  'nav.shift': 'Зміна',
  'nav.settings': 'Налаштування',

  'sell.pickPerformance': 'Оберіть виставу',
  'sell.today': 'Сьогодні',
  'sell.upcoming': 'Найближчі',
  'sell.search': 'Пошук подій',
  'sell.searchEmpty': 'Нічого не знайдено за запитом «{query}».',
  'sell.performanceAt': '{event} — {date}',
  'sell.cancelled': 'Скасовано',
  'sell.postponed': 'Перенесено',
  'sell.soldOut': 'Усе продано',
  'sell.available':
    '{count, plural, one {Залишилося # місце} few {Залишилося # місця} many {Залишилося # місць} other {Залишилося # місця}}',
  'sell.tier': '{name}: {price}',
  'sell.quantity': 'Кількість',
  'sell.promoCode': 'Промокод',
  'sell.promoApplied': 'Промокод «{code}» застосовано: знижка {discount}',
  'sell.customer': 'Покупець (необовʼязково)',
  'sell.customerName': 'Імʼя',
  'sell.customerEmail': 'Ел. пошта',
  'sell.limitReached':
    'Не більше {limit, plural, one {# квитка} few {# квитків} many {# квитків} other {# квитка}} в одному замовленні на цю виставу.',
  'sell.confirm': 'Підтвердити продаж',
  'sell.completed':
    'Продаж {receipt} завершено. Надруковано {count, plural, one {# квиток} few {# квитки} many {# квитків} other {# квитка}}.',

  'seat.map': 'Схема залу',
  'seat.label': 'Ряд {row}, місце {seat}',
  'seat.available': 'Вільне',
  'seat.selected': 'Обране',
  'seat.sold': 'Продане',
  'seat.held': 'Заброньоване',
  'seat.leased': 'Утримує інша каса',
  'seat.accessible': 'Для людей на візку',
  'seat.bestAvailable':
    'Найкращі вільні: {count, plural, one {# місце} few {# місця} many {# місць} other {# місця}}',
  'seat.noneTogether': 'Немає {count} вільних місць поруч. Оберіть місця вручну.',

  'cart.title': 'Кошик',
  'cart.empty': 'Кошик порожній.',
  'cart.tickets':
    '{count, plural, one {# квиток} few {# квитки} many {# квитків} other {# квитка}}',
  'cart.total': 'Разом {amount}',
  'cart.remove': 'Прибрати',
  'cart.resumed': 'Кошик, що був до перезапуску, відновлено.',
  'cart.abandoned': 'Кошик покинуто, місця звільнено.',

  'tender.cash': 'Готівка',
  'tender.card': 'Картка (термінал)',
  'tender.voucher': 'Кредитний ваучер',
  'tender.split': 'Змішана оплата',
  'tender.tendered': 'Отримано',
  'tender.changeDue': 'Решта: {amount}',
  'tender.stillDue': 'Залишилось сплатити: {amount}',
  'tender.approvalCode': 'Код авторизації',
  'tender.last4': 'Останні 4 цифри картки',
  'tender.voucherCode': 'Код ваучера',
  'tender.quickCash': 'Без решти {amount}',

  'refund.find': 'Відскануйте квиток або введіть номер чека чи імʼя покупця',
  'refund.notFound': 'Замовлення за запитом «{query}» не знайдено.',
  'refund.order': 'Чек {receipt}, продано {date}',
  'refund.chooseTickets': 'Оберіть квитки для повернення',
  'refund.amount': 'Повернути {amount}',
  'refund.paidOut': 'Покупець отримує {amount}',
  'refund.fee': 'Збір {amount}',
  'refund.method': 'Спосіб повернення',
  'refund.method.cash': 'Готівкою',
  'refund.method.card': 'На ту саму картку',
  'refund.method.asPaidCash': 'Як сплачено (готівкою)',
  'refund.method.asPaid': 'Як сплачено (на початкові оплати)',
  'refund.method.voucher': 'Кредитним ваучером',
  'refund.voucherBonus': 'Кредитний ваучер з бонусом {bonus}%: {amount}',
  'refund.needsApproval': 'Це повернення має схвалити {role}.',
  'refund.confirm': 'Підтвердити повернення',
  'refund.completed': 'Повернення {amount} виконано. Ваучер надруковано.',

  'exchange.chooseTickets': 'Оберіть квитки для обміну',
  'exchange.choosePerformance': 'Оберіть нову виставу',
  'exchange.difference': 'Різниця в ціні: {amount}',
  'exchange.fee': 'Збір за обмін: {amount}',
  'exchange.customerPays': 'Покупець доплачує {amount}',
  'exchange.customerGets': 'Покупцеві повертається {amount}',
  'exchange.even': 'Доплата не потрібна',
  'exchange.confirm': 'Підтвердити обмін',
  'exchange.completed':
    'Обмін виконано. Надруковано {count, plural, one {# новий квиток} few {# нові квитки} many {# нових квитків} other {# нового квитка}}.',

  'staff.enterPin': 'Введіть PIN',
  'staff.wrongPin':
    'Неправильний PIN. {left, plural, one {Залишилася # спроба} few {Залишилося # спроби} many {Залишилося # спроб} other {Залишилося # спроби}} до блокування каси.',
  'staff.locked':
    'Забагато неправильних PIN. Спробуйте знову о {time} або зверніться до менеджера.',
  'staff.supervisorPin': 'PIN старшого касира для схвалення',
  'staff.signOut': 'Вийти',
  'staff.role.kiosk': 'кіоск',
  'staff.role.cashier': 'касир',
  'staff.role.supervisor': 'старший касир',
  'staff.role.manager': 'менеджер',

  'locale.label': 'Мова',
  'locale.en': 'English',
  'locale.uk': 'Українська',
  'locale.zh-Hans': '简体中文',

  'common.cancel': 'Скасувати',
  'common.back': 'Назад',
  'common.ok': 'Гаразд',
  'common.retry': 'Спробувати ще раз',
  'common.print': 'Друкувати',
  'common.reprint': 'Друкувати копію',
  'common.close': 'Закрити',

  'storage.storage_full':
    'Сховище каси заповнене. Нічого не збережено. Попросіть менеджера синхронізувати касу й звільнити місце.',
  'storage.not_strict':
    'Продаж не збережено: каса не змогла гарантувати, що він переживе вимкнення живлення. Перезапустіть застосунок і спробуйте ще раз.',
  'storage.conflict':
    'Інше вікно зберігало дані в ту саму мить. Нічого не збережено; спробуйте ще раз.',
  'storage.unavailable':
    'Не вдається відкрити сховище каси. Нічого не збережено. Перезапустіть застосунок; якщо повториться — зверніться до підтримки.',
  'storage.version_conflict':
    'В іншому вікні відкрито новішу версію застосунку. Закрийте її та перезапустіть це вікно.',
  'storage.constraint': 'Такий запис уже існує. Нічого не збережено.',
  'storage.aborted': 'Збереження перервано. Нічого не збережено; спробуйте ще раз.',
  'storage.projection_failed': 'Зміну не вдалося застосувати. Нічого не збережено.',
  'storage.invalid_argument': 'Зміна недійсна, її не збережено.',
  'storage.io_error':
    'Диск каси повідомив про помилку. Нічого не збережено. Зверніться до підтримки.',

  'duration.days': '{count, plural, one {# день} few {# дні} many {# днів} other {# дня}}',
  'duration.hours':
    '{count, plural, one {# година} few {# години} many {# годин} other {# години}}',
  'duration.minutes':
    '{count, plural, one {# хвилина} few {# хвилини} many {# хвилин} other {# хвилини}}',

  'reason.window_full':
    'Повне повернення: до вистави ще {left} (повне повернення можливе, поки до початку більше ніж {before}).',
  'reason.window_partial':
    'Повернення {percent}%: до вистави ще {left} (ця ставка діє, поки до початку більше ніж {before}).',
  'reason.window_closed':
    '{hasClosedHoursBefore, select, yes {Без повернення: повернення можливе, лише поки до вистави більше ніж {before}, а зараз до неї {left}.} other {Без повернення: за правилами цей квиток не повертається.}}',
  'reason.performance_started': 'Без повернення: вистава вже почалася.',
  'reason.performance_cancelled':
    '{percent, select, 100 {Повне повернення} other {Повернення {percent}%}}: виставу скасовано.',
  'reason.performance_postponed':
    '{percent, select, 100 {Повне повернення} other {Повернення {percent}%}}: виставу перенесено.',
  'reason.tier_non_refundable': 'Без повернення: квитки цієї цінової категорії не повертаються.',
  'reason.ticket_used': 'Без повернення: за цим квитком уже пройшли.',
  'reason.ticket_already_refunded': 'Без повернення: гроші за цей квиток уже повернено.',
  'reason.ticket_voided': 'Без повернення: цей квиток анульовано.',
  'reason.ticket_exchanged': 'Без повернення: цей квиток обміняно на інший.',
  'reason.currency_mismatch':
    'Тут повернути неможливо: квиток оплачено в {ticketCurrency}, а правила повернення — в {policyCurrency}.',
  'reason.override_after_deadline':
    'Повернення {percent}% після строку як виняток: має схвалити {role} із зазначенням причини.',
  'reason.fee_percent':
    'Збір за скасування {fee} ({percent}% від {base}{clamped, select, min {, мінімальний збір} max {, максимальний збір} other {}}).',
  'reason.fee_fixed_per_ticket': 'Збір за повернення {fee} за квиток.',
  'reason.fee_order_share': 'Частка цього квитка у зборі {orderFee} за повернення: {fee}.',
  'reason.fees_waived': 'Без зборів: організатор змінив виставу.',
  'reason.fee_exceeds_refund': 'Нічого повертати: збори дорівнюють сумі до повернення {base}.',
  'reason.booking_fee_returned': 'Сервісний збір {fee} повертається.',
  'reason.booking_fee_kept': 'Сервісний збір {fee} не повертається.',
  'reason.approval_required':
    '{hasLimit, select, yes {Це повернення має схвалити {role}: {total} перевищує ліміт {limit}.} other {Повернення {total} має схвалити {role}.}}',
  'reason.cash_only_for_cash_purchases': 'Готівкою повертаємо лише покупки, оплачені готівкою.',
  'reason.cash_limit': 'Повернення готівкою обмежене сумою {limit}.',
  'reason.cash_paid_less':
    'Готівкою за це замовлення сплачено лише {paid}: решту поверніть на початковий спосіб оплати або ваучером.',
  'reason.cash_not_allowed': 'За цими правилами готівкою не повертаємо.',
  'reason.original_tender_not_allowed':
    'За цими правилами на початковий спосіб оплати не повертаємо.',
  'reason.original_tender_exhausted': 'На початковий спосіб оплати можна повернути лише {max}.',
  'reason.voucher_bonus': 'Кредитний ваучер додає {percent}% ({bonus}): ваучер на {value}.',
  'reason.voucher_not_allowed': 'За цими правилами кредитних ваучерів немає.',

  'error.invalid_argument': 'Введено недійсне значення. Перевірте й спробуйте ще раз.',
  'error.card_number_rejected':
    'Ніколи не вводьте номер картки. Лише код авторизації та останні 4 цифри.',
  'error.currency_mismatch': 'Суми в різних валютах. Зверніться до менеджера.',
  'error.not_logged_in': 'Спершу увійдіть.',
  'error.forbidden': 'Ваша роль не дозволяє цю дію. Зверніться до старшого касира.',
  'error.approval_required': 'Потрібне схвалення старшого касира або менеджера.',
  'error.shift_not_open': 'Спершу відкрийте зміну.',
  'error.shift_already_open': 'На цій касі зміну вже відкрито.',
  'error.invalid_state': 'Зараз цього зробити не можна.',
  'error.not_found': 'Не знайдено. Перевірте номер або відскануйте ще раз.',
  'error.sales_closed': 'Продаж на цю виставу закрито.',
  'error.sold_out': 'Усе продано. Оберіть інші місця або іншу виставу.',
  'error.limit_exceeded': 'Це перевищує ліміт для одного замовлення.',
  'error.underpaid': 'Сплачено ще не все.',
  'error.overpaid': 'Сплачено більше, ніж потрібно. Решту можна дати лише з готівки.',
  'error.not_refundable': 'Це не можна повернути.',
  'error.not_exchangeable': 'Це не можна обміняти.',
  'error.signing_failed':
    'Не вдалося підписати квитки. Нічого не продано. Зверніться до підтримки.',
  'error.unknown_staff': 'Цього працівника на касі не зареєстровано.',
  'error.locked':
    'Забагато неправильних PIN. Спробуйте знову {lockedUntil} або зверніться до менеджера.',
  'error.wrong_pin':
    'Неправильний PIN. {attemptsLeft, plural, one {Залишилася # спроба} few {Залишилося # спроби} many {Залишилося # спроб} other {Залишилося # спроби}} до блокування.',
  'error.invalid_pin': 'PIN — це від 4 до 8 цифр.',
  'error.seat_unavailable':
    'Це місце щойно продали або воно заброньоване в іншому кошику. Оберіть інше місце.',
  'error.not_enough_seats': 'Вільних місць такого типу замало. Оберіть менше або вручну.',
  'error.not_for_this_tier': 'Це місце не продається за цією ціною. Оберіть інше місце.',
  'error.store_error': 'Місце не вдалося забронювати: каса не змогла зберегти. Спробуйте ще раз.',

  'status.trainingBadge': 'НАВЧАННЯ',
  'void.action': 'Анулювати цей продаж',
  'void.title': 'Анулювання продажу {receipt}',
  'void.explain':
    'Усі квитки цього продажу скасовуються, місця повертаються в продаж, а {amount} повертається так, як було сплачено. Потрібне схвалення старшого касира.',
  'void.reason': 'Причина (щонайменше 3 символи)',
  'void.confirm': 'Анулювати продаж',
  'void.approval': 'Анулювання продажу {receipt} ({amount}) потребує схвалення старшого касира.',
  'void.saving': 'Анулюємо…',
  'void.done':
    'Продаж {receipt} анульовано (анулювання {voidReceipt}). Покупцеві повертається {amount}.',
  'void.drawerOpened': 'Шухляду відкрито: поверніть {amount} готівкою.',
  'void.drawerFailed':
    'Шухляда не відкрилася ({message}). Відкрийте її без продажу на екрані зміни.',
  'void.printQueued': 'Чек анулювання чекає на принтер.',
  'void.printFailed': 'Чек анулювання не надруковано: {message}',
  'shift.training.title': 'Навчальний режим',
  'shift.training.explain':
    'Тренувальні продажі й повернення з окремою нумерацією чеків; у справжні звіти нічого не потрапляє. Перемикається лише між змінами, зі схваленням старшого касира.',
  'shift.training.switch': 'Навчальний режим увімкнено',
  'shift.training.approval': 'Перемикання навчального режиму потребує схвалення старшого касира.',
  'shift.training.switchedOn': 'Навчальний режим увімкнено: наступна зміна тренувальна.',
  'shift.training.switchedOff': 'Навчальний режим вимкнено: наступна зміна справжня.',
  'error.void_other_shift': 'Анулювати можна лише продажі поточної зміни. Оформіть повернення.',
  'error.void_ticket_not_valid':
    'Квиток цього продажу вже використано, повернено або обміняно, тож продаж не можна анулювати. Поверніть решту квитків.',
};
