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
  'status.lease':
    'Тут: {kinds, select, ga {{ga, plural, one {# вхідне місце} few {# вхідні місця} many {# вхідних місць} other {# вхідного місця}}} seats {{seats, plural, one {# місце} few {# місця} many {# місць} other {# місця}}} other {{seats, plural, one {# місце} few {# місця} many {# місць} other {# місця}}, {ga, plural, one {# вхідне} few {# вхідні} many {# вхідних} other {# вхідного}}}} до {time}',
  'status.syncQueue':
    '{count, plural, =0 {Усе синхронізовано} one {# запис чекає на синхронізацію} few {# записи чекають на синхронізацію} many {# записів чекають на синхронізацію} other {# запису чекають на синхронізацію}}',
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
  'status.sync.checking': 'Перевірка сервера…',
  'status.sync.notEnrolled': 'Не підключено до сервера',
  'status.sync.revoked': 'Сервер більше не приймає цю касу',
  'status.sync.last': 'Остання синхронізація {time}',
  'status.sync.never': 'Ще не синхронізовано',
  'status.sync.oldestMinutes':
    '{minutes, plural, one {Найстаріший несинхронізований: # хвилина} few {Найстаріший несинхронізований: # хвилини} many {Найстаріший несинхронізований: # хвилин} other {Найстаріший несинхронізований: # хвилини}}',
  'status.sync.oldestHours':
    '{hours, plural, one {Найстаріший несинхронізований: # година} few {Найстаріший несинхронізований: # години} many {Найстаріший несинхронізований: # годин} other {Найстаріший несинхронізований: # години}}',
  'status.sync.stale':
    'Продажі, старші за 24 години, не дійшли до сервера: підключіть касу до мережі або зверніться до підтримки',
  'status.sync.blocked':
    'Синхронізацію зупинено: сервер відхилив записи цієї каси ({code}). Нічого не втрачено; зверніться до підтримки.',
  'status.sync.loading': 'Завантаження продажів інших кас: {loaded, number} з {total, number}',
  'status.sync.loadingBanner':
    'Каса ще завантажує продажі, зроблені на інших касах. Продавайте далі; квиток, проданий на іншій касі, може не знайтися для повернення чи обміну, доки завантаження не завершиться.',
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
  'sell.customerHint': 'Імʼя, телефон або ел. пошта',
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
  'seat.web': 'Утримує вебмагазин',
  'seat.mine': 'Квота цієї каси',
  'seat.away': 'Ця каса офлайн не продає',
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
  'refund.ownSaleApproval':
    'Ви самі продали це замовлення: це повернення має схвалити інша людина — {role}.',
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
  'storage.records_damaged':
    'Записи цієї каси не збігаються із записом, що зберігається поза браузером. Нічого не збережено. Зверніться до підтримки.',
  'storage.clock_behind':
    'Годинник каси показує неправильний час: раніше, ніж останній запис, який каса зберегла. Нічого не збережено. Попросіть менеджера виставити дату й час і спробуйте ще раз.',

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
  'error.approval_invalid':
    'Це підтвердження вже недійсне (використане, прострочене або для іншої дії). Попросіть підтвердити ще раз.',
  'error.seat_unavailable':
    'Це місце щойно продали або воно заброньоване в іншому кошику. Оберіть інше місце.',
  'error.not_enough_seats': 'Вільних місць такого типу замало. Оберіть менше або вручну.',
  'error.not_for_this_tier': 'Це місце не продається за цією ціною. Оберіть інше місце.',
  'error.store_error': 'Місце не вдалося забронювати: каса не змогла зберегти. Спробуйте ще раз.',
  'error.not_at_this_window': 'Ця каса офлайн і продає лише власні місця, а не ці: {seats}.',
  'error.sold_out_here':
    'У цій касі офлайн розпродано (тут залишилось {here}). У залі ще є {venue}: продайте їх, коли каса знову буде онлайн.',
  'error.sold_out_here_as_of':
    'У цій касі офлайн розпродано (тут залишилось {here}). У залі ще є {venue}: продайте їх, коли каса знову буде онлайн. (Ця кількість станом на {venueAt}.)',
  'error.lease_other_category':
    'Ця каса офлайн; її власні місця, що залишились ({here}), іншої категорії: {seats}.',
  'error.ga_sold_out': 'Вхідних місць без розміщення залишилось замало. Продайте менше.',

  // Screens (ui.*)
  'ui.nav.label': 'Екрани',
  'ui.status.label': 'Стан каси',
  'ui.status.staffNone': 'Ніхто не увійшов',
  'ui.status.printerChecking': 'Принтер: перевірка…',
  'ui.status.printerUnconfigured': 'Принтер не налаштовано',
  'ui.status.printerError': 'Помилка принтера',
  'ui.status.receipts': 'Останній чек {receipt}',
  'ui.login.removed':
    '{name} більше немає у списку персоналу закладу (його змінив менеджер), тож сеанс завершено.',
  'ui.login.roleChanged':
    '{name}: роль тепер — {role} (менеджер змінив список персоналу), тож сеанс завершено. Увійдіть знову, щоб продовжити.',
  'ui.login.title': 'Вхід',
  'ui.login.who': 'Хто біля віконця?',
  'ui.login.pin': 'PIN',
  'ui.login.submit': 'Увійти',
  'ui.login.hint':
    'Демо PIN: Олена 1111 (касир), Тарас 2222 (старший касир), Лі Вей 3333 (менеджер).',
  'ui.login.failedFor': 'Вхід для {name} відхилено:',
  'ui.login.chooseFirst':
    'Спершу оберіть, хто входить: введіть перші літери імені або торкніться його.',
  'ui.login.typeName': 'Введіть перші літери імені, щоб обрати.',
  'ui.login.pinFor': 'PIN для {name}',
  'ui.login.nobody': 'Ще нікого не обрано.',
  'ui.pin.digit': 'Цифра {digit}',
  'ui.pin.clear': 'Очистити',
  'ui.pin.back': 'Стерти останню цифру',
  'ui.shift.title': 'Зміна',
  'ui.shift.openTitle': 'Відкрити зміну',
  'ui.shift.float': 'Розмінна готівка в шухляді',
  'ui.shift.open': 'Відкрити зміну',
  'ui.shift.xReport': 'X-звіт',
  'ui.shift.closeTitle': 'Закрити зміну',
  'ui.shift.counted': 'Готівка в шухляді (сліпий підрахунок)',
  'ui.shift.note': 'Примітка (потрібна при надлишку чи нестачі)',
  'ui.shift.close': 'Закрити зміну й надрукувати Z-звіт',
  'ui.shift.closeApprovalNeeded':
    'Надлишок чи нестача більші, ніж ви можете підтвердити самі: закриття підтверджує старший касир або менеджер. Доти зміна лишається відкритою.',
  'ui.shift.report': 'Попередній перегляд звіту',
  'ui.shift.needShift': 'Перш ніж продавати, відкрийте зміну.',
  'ui.shift.goToShift': 'Перейти до зміни (F9)',
  'ui.shift.showX': 'Показати X-звіт',
  'ui.shift.printX': 'Надрукувати X-звіт',
  'ui.shift.printCopy': 'Надрукувати копію',
  'ui.shift.printing': 'Друкуємо звіт…',
  'ui.shift.xPrinted': 'X-звіт надруковано.',
  'ui.shift.xQueued':
    'X-звіт чекає на друк: принтер не готовий (вимкнений, скінчився папір або відкрита кришка). Він надрукується сам, щойно принтер запрацює.',
  'ui.shift.zPrinted': 'Зміну закрито. Z-звіт {z} надруковано.',
  'ui.shift.zQueued':
    'Зміну закрито й збережено. Z-звіт {z} чекає на друк: принтер не готовий (вимкнений, скінчився папір або відкрита кришка). Він надрукується сам, щойно принтер запрацює.',
  'ui.shift.copyPrinted': 'Копію надруковано з позначкою КОПІЯ.',
  'ui.shift.copyQueued': 'Копія чекає на друк: принтер не готовий.',
  'ui.shift.printFailed':
    'Звіт збережено, але він не надрукувався: {why}. Натисніть «Надрукувати копію», коли принтер запрацює.',
  'ui.shift.printNote': 'Друк звіту',
  'ui.cash.title': 'Готівка в шухляду й із шухляди',
  'ui.cash.kind': 'Що це?',
  'ui.cash.paidIn': 'Внесення (готівку покладено в шухляду)',
  'ui.cash.paidOut': 'Виплата (готівку взято на витрати)',
  'ui.cash.drop': 'Інкасація (готівку віднесено в сейф)',
  'ui.cash.amount': 'Сума',
  'ui.cash.reason': 'Причина руху готівки',
  'ui.cash.record': 'Записати рух готівки',
  'ui.cash.recorded':
    '{kind, select, paid_in {Внесення} paid_out {Виплату} other {Інкасацію}} на {amount} записано.',
  'ui.cash.noSaleReason': 'Причина відкриття шухляди',
  'ui.cash.noSale': 'Відкрити шухляду (без продажу)',
  'ui.cash.noSaleDone': 'Відкриття без продажу записано, шухляда відкрита.',
  'ui.cash.noSaleFailed': 'Відкриття без продажу записано, але шухляда не відкрилася: {why}',
  'ui.cash.drawerFailed': 'Записано, але шухляда не відкрилася: {why}',
  'ui.cash.drawerOpen': 'Шухляда відкрита.',
  'ui.cash.retryDrawer': 'Спробувати відкрити шухляду ще раз',
  'ui.cash.needReason': 'Вкажіть причину — щонайменше 3 символи.',
  'ui.cash.approvalNeeded':
    'Виплата понад {limit} потребує підтвердження старшого касира або менеджера: доки його немає, нічого не записано.',
  'ui.cash.notInDrawer': 'У шухляді має бути лише {inDrawer}: стільки взяти не можна.',
  'ui.sell.title': 'Продаж',
  'ui.sell.noPerformances': 'Немає вистав у продажу.',
  'ui.sell.choose': 'Продати {event}, {date}',
  'ui.sell.change': 'Інша вистава',
  'ui.sell.tiers': 'Квитки без місць',
  'ui.sell.increase': 'Ще один: {tier}',
  'ui.sell.decrease': 'На один менше: {tier}',
  'ui.sell.seatsFree':
    '{count, plural, one {# вільне місце} few {# вільні місця} many {# вільних місць} other {# вільного місця}}',
  'ui.sell.promoInvalid':
    'Промокод {code}: недійсний для цих квитків зараз. Перевірте написання або очистьте поле, щоб продати за повною ціною.',
  'ui.sell.customerLimit':
    'У покупця {customer} уже є квитків на цю подію: {held}, а один покупець може мати щонайбільше {limit}: у цьому замовленні ще можна {room}. Приберіть квитки з кошика, щоб продовжити.',
  'ui.sell.promoUsedUp':
    'Промокод {code}: вичерпано, використань не лишилося. Очистьте поле, щоб продати за повною ціною.',
  'ui.sell.priceFrom': 'від {price}',
  'ui.sell.gaAllLeft':
    '{count, plural, one {Це останнє вільне місце.} few {Це всі # вільні місця.} many {Це всі # вільних місць.} other {Це всі # вільного місця.}}',
  'ui.sell.confirmNeedsTickets': 'Спершу оберіть місця або квитки: сума до сплати зʼявиться тут.',
  'ui.sell.confirmNeedsFix':
    'Кошик не вдається оцінити: дивіться проблему вище й змініть кошик або промокод.',
  'ui.seat.rowLabel': 'Ряд {row}',
  'ui.seat.limit':
    'Не більше {limit} місць «{tier}» в одному замовленні. Решту продайте другим замовленням.',
  'ui.seat.countInvalid': 'Місця поруч: введіть ціле число, 1 або більше.',
  'ui.seat.countTooMany':
    'Місця поруч: не більше {limit} в одному замовленні. Введіть {limit} або менше.',
  'ui.seat.category': 'Категорія',
  'ui.seat.anyCategory': 'Будь-яка категорія',
  'ui.seat.bestHint': 'Або натисніть 1–9 на схемі: найкращі місця поруч замість обраних.',
  'ui.seat.categoryLine': '{name}: {price} · до {limit} в замовленні',
  'ui.seat.zoom': 'Масштаб',
  'ui.seat.zoomIn': 'Збільшити',
  'ui.seat.zoomOut': 'Зменшити',
  'ui.seat.name': 'Ряд {row} місце {seat}, {section}, {price}, {state}',
  'ui.seat.accessibleSuffix': ', для крісла колісного',
  'ui.seat.companionSuffix': ', місце супровідника',
  'ui.seat.bestCount': 'Місць поруч',
  'ui.seat.bestButton': 'Найкращі вільні',
  'ui.seat.legend': 'Позначення',
  'ui.seat.stage': 'Сцена',
  'ui.cart.line': '{label}: {price}',
  'ui.cart.seat': '{tier}, ряд {row} місце {seat}',
  'ui.cart.clear': 'Очистити кошик',
  'ui.cart.fees': 'Сервісний збір {amount}',
  'ui.tender.title': 'Оплата',
  'ui.tender.due': 'До сплати {amount}',
  'ui.tender.cashReceived': 'Отримано готівкою',
  'ui.tender.addCard': 'Додати оплату карткою',
  'ui.tender.cardAmount': 'Сума карткою',
  'ui.tender.addVoucher': 'Додати оплату ваучером',
  'ui.tender.voucherAmount': 'Сума ваучером',
  'ui.tender.remove': 'Прибрати оплату {n}',
  'ui.tender.payments': 'Оплати',
  'ui.tender.cardLine': 'Картка ****{last4} ({code}): {amount}',
  'ui.tender.voucherLine': 'Ваучер {code}: {amount}',
  'ui.tender.notSettled': 'Оплати ще не покривають суму.',
  'ui.tender.dueLabel': 'До сплати',
  'ui.tender.busy': 'Зберігаємо кошик… хвилинку.',
  'ui.tender.cashInvalid': 'Отримано готівкою: введіть суму цифрами, напр. 2500 або 2500.50.',
  'ui.tender.cashTooMuch':
    'Отримано готівкою: не більше {limit} для цього продажу. Перевірте введену суму.',
  'ui.tender.nonCashTooMuch':
    'Оплати карткою й ваучером більші за суму до сплати: видаліть одну (решту дають лише з готівки).',
  'ui.tender.needPayment':
    'Щоб підтвердити: введіть отриману готівку (або {key} — без решти) чи додайте оплату карткою.',
  'ui.tender.cashShort': 'Отримано менше, ніж {due} до сплати готівкою: введіть усю передану суму.',
  'ui.tender.nothingLeft': 'Сплачувати більше нічого: видаліть оплату, перш ніж додати картку.',
  'ui.tender.cardAmountInvalid':
    'Сума карткою: введіть суму цифрами, напр. 1200 або 1200.50 (порожнє = решта до сплати).',
  'ui.tender.cardTooMuch':
    'Сума карткою: не більше {max} — стільки лишилося сплатити. Введіть меншу суму.',
  'ui.tender.cardNumber':
    'Схоже на повний номер картки. Введіть лише код авторизації та останні 4 цифри з чека терміналу.',
  'ui.tender.approvalInvalid': 'Код авторизації: 2–12 літер або цифр, як на чеку терміналу.',
  'ui.tender.last4Invalid': 'Останні 4 цифри картки: рівно 4 цифри, як на чеку терміналу.',
  'ui.tender.voucherCodeInvalid': 'Код ваучера: щонайменше 4 символи, як на ваучері.',
  'ui.tender.voucherAmountInvalid': 'Сума ваучера: введіть суму цифрами, напр. 500.',
  'ui.tender.voucherTooMuch': 'Сума ваучера: не більше {max} — стільки лишилося сплатити.',
  'ui.sale.done': 'Продаж {receipt} проведено. Решта: {change}.',
  'ui.sale.printQueued': 'Чек у черзі: принтер не готовий.',
  'ui.sale.printFailed':
    'Продаж збережено, але друк не вдався: {message}. Натисніть «Спробувати ще раз» або «Надрукувати копію чека» — тут чи пізніше із замовлення на екрані повернення.',
  'ui.sale.next': 'Наступний покупець',
  'ui.copy.button': 'Надрукувати копію чека',
  'ui.copy.printing': 'Друкуємо копію…',
  'ui.copy.printed': 'Копію надруковано.',
  'ui.copy.queued': 'Копія чекає на принтер. Вона надрукується, щойно принтер запрацює.',
  'ui.copy.missing': 'Цього замовлення немає на цій касі, тож копію чека тут не надрукувати.',
  'ui.copy.failed': 'Копію не надруковано: {message}',
  'ui.refund.title': 'Повернення',
  'ui.refund.search': 'Знайти замовлення',
  'ui.refund.searchButton': 'Знайти',
  'ui.refund.ticket': '{label} — {price} ({status})',
  'ui.refund.status.valid': 'дійсний',
  'ui.refund.status.used': 'використаний',
  'ui.refund.status.refunded': 'повернений',
  'ui.refund.status.voided': 'анульований',
  'ui.refund.status.exchanged': 'обміняний',
  'ui.refund.decision': 'Рішення за правилами',
  'ui.refund.reason': 'Причина',
  'ui.refund.reason.customer_request': 'На прохання покупця',
  'ui.refund.reason.performance_cancelled': 'Виставу скасовано',
  'ui.refund.reason.other': 'Інше',
  'ui.refund.unavailable': 'неможливо: {why}',
  'ui.refund.done': 'Повернення {receipt} проведено: покупцю {amount}.',
  'ui.refund.cardApprovalInvalid':
    'Код авторизації для картки з останніми цифрами {last4}: введіть 2–12 літер або цифр із чека термінала про повернення.',
  'ui.refund.cardApproval':
    'Код авторизації з терміналу для повернення на картку, що закінчується на {last4}',
  'ui.refund.cancel': 'Скасувати повернення',
  'ui.refund.cancelled': 'Повернення скасовано. Нічого не збережено.',
  'ui.refund.saving': 'Зберігаємо повернення…',
  'ui.refund.printing': 'Друкуємо ваучер повернення…',
  'ui.refund.printQueued': 'Ваучер повернення в черзі: принтер не готовий.',
  'ui.refund.printFailed': 'Повернення збережено, але ваучер не надруковано: {why}',
  'ui.refund.printRetry': 'Надрукувати ваучер ще раз',
  'ui.refund.printSkip': 'Продовжити без ваучера',
  'ui.refund.chooseFirst':
    'Позначте квитки, які повертає покупець, щоб побачити рішення за правилами.',
  'ui.flow.nextCustomer': 'Наступний покупець',
  'ui.flow.matches': 'Знайдено кілька замовлень. Оберіть одне:',
  'ui.flow.match': '{receipt}, продано {date}: {amount}',
  'ui.flow.busy': 'Спершу завершіть операцію на екрані, потім скануйте ще раз.',
  'ui.flow.error.nothingSelected': 'Спершу оберіть хоча б один квиток.',
  'ui.flow.error.methodNotAllowed': 'Правила не дозволяють цей спосіб. Оберіть інший.',
  'ui.flow.error.internal':
    'У застосунку сталася помилка. Більше нічого не збережено; спробуйте ще раз або покличте старшого касира.',
  'ui.flow.error.storeError': 'Каса не змогла прочитати свої записи. Спробуйте ще раз.',
  'ui.flow.error.printFailed': 'Принтер цього не надрукував.',
  'ui.flow.error.emptyCart': 'Оберіть нові місця.',
  'ui.flow.error.notSettled': 'Спершу розрахуйтеся за різницю.',
  'ui.approval.title': 'Підтвердження старшого касира',
  'ui.approval.who': 'Хто підтверджує',
  'ui.approval.choose': 'Оберіть, хто підтверджує',
  'ui.approval.approve': 'Підтвердити',
  'ui.approval.explain': 'Потрібен {role}. Попросіть ввести PIN.',
  'ui.exchange.title': 'Обмін',
  'ui.exchange.newTickets': 'Нові квитки',
  'ui.exchange.newSeats':
    'Оберіть {count, plural, one {# нове місце} few {# нові місця} many {# нових місць} other {# нового місця}}',
  'ui.exchange.quote': 'Розрахунок',
  'ui.exchange.done': 'Обмін {receipt} проведено.',
  'ui.exchange.chooseSeatsFirst': 'Оберіть квитки для обміну і стільки ж нових місць.',
  'ui.exchange.cancel': 'Скасувати обмін',
  'ui.exchange.cancelled': 'Обмін скасовано. Нічого не збережено; нові місця знову вільні.',
  'ui.exchange.changeSeats': 'Змінити нові місця',
  'ui.exchange.saving': 'Зберігаємо обмін…',
  'ui.exchange.printing': 'Друкуємо нові квитки…',
  'ui.exchange.printQueued': 'Нові квитки в черзі: принтер не готовий.',
  'ui.exchange.printFailed': 'Обмін збережено, але нові квитки не надруковано: {why}',
  'ui.exchange.printRetry': 'Надрукувати квитки ще раз',
  'ui.exchange.printSkip': 'Продовжити без друку',
  'ui.exchange.orderNow': 'Замовлення тепер',
  'ui.error.title': 'Проблема',
  'ui.error.next': 'Що робити: {next}',
  'ui.error.nextDefault':
    'Перевірте дані й спробуйте ще раз. Якщо повториться — покличте старшого касира.',
  'ui.error.nextSoldOutHere':
    'Запропонуйте те, що ще є в цій касі (іншу категорію чи виставу), або направте покупця до іншої каси чи на сайт; або зачекайте, доки каса знову буде онлайн.',
  'ui.error.nextOtherCategory':
    'Запропонуйте місця цієї каси іншої категорії (подвійне коло на схемі) або направте покупця до іншої каси чи на сайт по цю категорію.',
  'ui.error.nextNotHere':
    'Запропонуйте одне з власних місць цієї каси (подвійне коло на схемі) або направте покупця до іншої каси чи на сайт по це місце.',
  'ui.error.dismiss': 'Закрити',
  'ui.help.title': 'Клавіші',
  'ui.help.open': 'Показати клавіші',
  'ui.help.sell': 'F1 — Продаж',
  'ui.help.refund': 'F2 — Повернення',
  'ui.help.exchange': 'F3 — Обмін',
  'ui.help.shift': 'F9 — Зміна',
  'ui.help.cancel': 'Esc — Скасувати / закрити',
  'ui.help.seats': 'Схема залу: стрілки — рух, Пробіл або Enter — вибір',
  'ui.help.help': '? — Ця довідка',
  'ui.help.pickPerformance': 'Вистави: ↑ ↓ — перехід, літера — до події, Enter — обрати',
  'ui.help.bestN': 'Схема залу: 1–9 — найкращі вільні місця на стільки осіб (замість обраних)',
  'ui.help.cashTyped': 'Після «найкращих місць»: введіть отриману готівку, Enter — оплатити',
  'ui.help.exactCash': '{key} — Готівка без решти',
  'ui.help.card': '{key} — Оплата карткою',
  'ui.help.pay': '{key} — Оплатити (підтвердити продаж)',
  'ui.help.letIn': '{key} — Впустити з щойно відсканованим квитком (на вході)',
  'ui.help.nextCustomer': '{key} — Наступний покупець',
  'ui.help.signIn': 'Вхід: введіть перші літери імені, потім PIN і Enter',
  'ui.app.connecting': 'Підключення…',
  'ui.records.title': 'Ця каса не може продавати: її записи пошкоджено',
  'ui.records.store_empty':
    'Записи продажів цієї каси зникли, але запис поза браузером каже, що збережено {headSeq} записів. Каса не почне з нуля: номери чеків повторилися б.',
  'ui.records.behind':
    'Записи продажів у цій касі старіші за збережені: тут {storeSeq}, збережено {headSeq}. Можливо, повернули стару копію записів.',
  'ui.records.forked':
    'Записи продажів у цій касі відрізняються від збережених: їх змінили або замінили після збереження.',
  'ui.records.head_missing':
    'Запис, який каса зберігає поза браузером, відсутній, а записи продажів у касі є. Каса не може визначити, чи вони повні.',
  'ui.records.head_damaged':
    'Запис, який каса зберігає поза браузером, пошкоджено, і його перенесено до теки карантину. Каса не може визначити, чи записи продажів повні.',
  'ui.records.not_chained':
    'Останній збережений запис каси не продовжує попередні записи, тому його відхилено.',
  'ui.records.edited':
    'Збережений запис не проходить перевірку цілісності: його змінили після збереження.',
  'ui.records.unreachable': 'Каса не змогла звірити свої записи зі службою пристроїв.',
  'ui.records.whatToDo':
    'Не продавайте на цій касі. Експортуйте записи для підтримки й зверніться до підтримки: касу можна відновити із сервера. Уже збережені продажі не втрачено.',
  'ui.records.export': 'Експортувати записи для підтримки',
  'ui.records.exported': 'Експортовано записів у файл: {count}.',
  'ui.records.demoNote':
    'Це демонстраційна каса: справжніх грошей у ній немає. Можна почати демо спочатку; демонстраційні записи буде очищено.',
  'ui.records.demoReset': 'Почати демо спочатку',
  'ui.records.restore': 'Відновити з сервера',
  'ui.records.restoring': 'Відновлення: {done} з {total} записів…',
  'ui.records.restored': 'Відновлено записів: {count}. Каса запускається…',
  'ui.records.restoreFailed.not_enrolled':
    'Ця каса не підключена до сервера, тому відновити її з сервера не можна.',
  'ui.records.restoreFailed.offline':
    'Не вдалося зв’язатися із сервером. Перевірте кабель мережі або Wi-Fi і спробуйте ще раз.',
  'ui.records.restoreFailed.refused':
    'Сервер відмовився видати записи цієї каси. Зверніться до підтримки.',
  'ui.records.restoreFailed.broken_chain':
    'Копія записів цієї каси на сервері не проходить перевірку цілісності. З цього місця нічого не відновлено; зверніться до підтримки.',
  'ui.records.restoreFailed.store_failed':
    'Не вдалося записати дані в цю касу (можливо, диск заповнений). Зверніться до підтримки.',
  'ui.records.restoreFailed.still_damaged':
    'Записи відновлено, але вони досі не збігаються з тим, що зберегла ця каса. Не продавайте; зверніться до підтримки.',
  'ui.printer.title': 'Налаштування принтера',
  'ui.printer.device': 'Принтер',
  'ui.printer.network': 'Мережевий принтер (адреса і порт)',
  'ui.printer.noPrinter': 'Без принтера',
  'ui.printer.host': 'Ім’я вузла або IP-адреса',
  'ui.printer.port': 'Порт',
  'ui.printer.profile': 'Тип принтера',
  'ui.printer.width': 'Ширина паперу',
  'ui.printer.width80': '80 мм',
  'ui.printer.width58': '58 мм',
  'ui.printer.codePage': 'Кодова сторінка для кирилиці',
  'ui.printer.codePageNone': 'Немає (кирилиця друкується зображенням)',
  'ui.printer.chinese': 'Принтер має китайські шрифти (GB18030)',
  'ui.printer.save': 'Зберегти налаштування принтера',
  'ui.printer.testPage': 'Надрукувати тестову сторінку',
  'ui.printer.testPageHeading': 'Тестова сторінка принтера',
  'ui.printer.testPrinted': 'Тестову сторінку надруковано.',
  'ui.printer.testQueued': 'Тестова сторінка чекає на друк: принтер не готовий.',
  'ui.printer.approval': 'Цю зміну налаштувань принтера підтверджує менеджер.',
  'ui.printer.saved':
    'Налаштування принтера збережено. Надрукуйте тестову сторінку, щоб перевірити.',
  'ui.printer.savedNone': 'Налаштування збережено. Тепер ця каса без принтера.',
  'ui.printer.hostNeeded':
    'Введіть ім’я вузла або IP-адресу мережевого принтера і порт від 1 до 65535.',
  'ui.printer.deviceRefused':
    'Цей принтер не можна використати: виберіть його зі списку або вкажіть мережевий принтер за іменем вузла чи IP-адресою.',
  'ui.verify.title': 'Перевірка записів',
  'ui.verify.start': 'Перевірити всі записи',
  'ui.verify.progress': 'Перевірено {done} з {total} записів',
  'ui.verify.ok': 'Усі записи ({count}) пройшли перевірку цілісності.',
  'ui.verify.failed':
    'Запис не проходить перевірку цілісності. Не продавайте; зверніться до підтримки.',
  'ui.z.code': 'Код журналу {code} (запис {seq})',
  'ui.app.failed': 'Каса не запустилася: {message}',
  'ui.scan.title': 'Відсканований квиток',
  'ui.scan.dismiss': 'Закрити',
  'ui.scan.admit': 'Впустити',
  'ui.scan.admitted': 'Квиток {ticketId}: вхід дозволено. Тепер він використаний на всіх касах.',
  'ui.scan.admitFailed': 'Не впущено: {reason}',
  'ui.scan.admitTooEarly':
    'Не впущено: квиток на {startsAt}. Вхід відкривається за 6 годин до початку.',
  'ui.scan.admitOver': 'Не впущено: квиток був на {startsAt}; ця подія вже минула.',
  'ui.scan.admitSignIn': 'Щоб впустити з цим квитком, увійдіть у систему.',
  'ui.scan.admitPostponed': 'Не впущено: подію перенесено, нової дати ще немає.',
  'ui.scan.ticket.genuine': 'Справжній квиток {ticketId}, ще не використаний.',
  'ui.scan.ticket.malformed': 'Це не квиток: код не читається як квиток.',
  'ui.scan.ticket.unknown_key':
    'Не підтверджено: квиток {ticketId} підписав невідомий цій касі видавець. Перевірте онлайн або зверніться до менеджера.',
  'ui.scan.ticket.bad_signature':
    'Підроблений або пошкоджений: квиток {ticketId} не справжній. Не приймайте його.',
  'ui.scan.ticket.revoked': 'Квиток {ticketId} відкликано, він більше не дійсний.',
  'ui.scan.ticket.used': 'Квиток {ticketId} вже використано.',
  'ui.scan.ticket.store_error':
    'Квиток {ticketId} справжній, але каса не змогла прочитати його записи. Відскануйте ще раз.',
  'ui.scan.ticket.not_found':
    'Квиток {ticketId} справжній, але проданий деінде й ще не з’явився на цій касі.',
  'ui.scan.ticket.wrong_venue': 'Квиток {ticketId} справжній, але на виставу в іншому залі.',
  'ui.scan.ticket.mismatch':
    'Квиток {ticketId} не збігається із записами каси. Зверніться до менеджера.',
  'ui.scan.ticket.refunded': 'За квиток {ticketId} уже повернено гроші.',
  'ui.scan.ticket.exchanged': 'Квиток {ticketId} уже обміняно.',
  'ui.scan.ticket.voided': 'Квиток {ticketId} анульовано.',
  'ui.scan.unreadable': 'Скан не прочитано. Перевірте налаштування сканера й відскануйте ще раз.',
  'ui.scan.noFlow': 'Цей код використовується під час продажу чи повернення; спершу відкрийте їх.',
  'ui.scan.failed': 'Скан не вдалося обробити. Відскануйте ще раз або введіть код вручну.',
  'ui.scan.orderNotFound': 'Замовлення за кодом «{code}» не знайдено.',
  'status.trainingBadge': 'НАВЧАННЯ',
  'status.demoBadge': 'ДЕМО',
  'status.demo': 'Демо-каса — вигадані заклад, персонал і продажі',
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
  'shift.training.switch': 'Навчальний режим',
  'shift.training.on': 'Увімкнено: каса тренується, нічого не справжнє',
  'shift.training.off': 'Вимкнено: продажі справжні',
  'shift.training.approval': 'Перемикання навчального режиму потребує схвалення старшого касира.',
  'shift.training.switchedOn': 'Навчальний режим увімкнено: наступна зміна тренувальна.',
  'shift.training.switchedOff': 'Навчальний режим вимкнено: наступна зміна справжня.',
  'error.training_mismatch':
    'Навчальні й справжні продажі не змішуються: навчальне замовлення можна змінити лише в режимі навчання, справжнє — лише поза ним.',
  'error.void_other_shift': 'Анулювати можна лише продажі поточної зміни. Оформіть повернення.',
  'error.void_ticket_not_valid':
    'Квиток цього продажу вже використано, повернено або обміняно, тож продаж не можна анулювати. Поверніть решту квитків.',
  // Issue 10: the refund, exchange and shift screens (layout, validation in words, blind count).
  'ui.approval.next': 'Оберіть, хто підтверджує, і ця людина ще раз уводить свій PIN.',
  'ui.flow.side': 'Сума й підтвердження',
  'ui.refund.findFirst': 'Відскануйте квиток чи чек або введіть вище номер чека, телефон чи ім’я.',
  'ui.refund.amountLabel': 'Сума повернення',
  'ui.refund.blocked.method': 'Оберіть, як повернути гроші: спосіб, який дозволяють правила.',
  'ui.refund.blocked.wait': 'Спершу позначте квитки, які повертають.',
  'ui.refund.override.title': 'Повернення як виняток',
  'ui.refund.override.offer':
    'Правила дозволяють виняток після строку: до {percent}% назад, підтверджує {role}. Введіть причину, яку назвав покупець, щоб попросити про це.',
  'ui.refund.override.reason': 'Причина винятку (щонайменше 5 символів)',
  'ui.refund.override.ask': 'Попросити про виняток',
  'ui.refund.override.asked': 'Виняток запитано: «{reason}». Сума вище вже його враховує.',
  'ui.refund.override.drop': 'Скасувати виняток',
  'ui.exchange.noTickets': 'Жоден квиток цього замовлення не можна обміняти: дійсних не лишилося.',
  'ui.exchange.whyLabel': 'Чому не можна обрати виставу',
  'ui.exchange.why.policy':
    'Ці квитки продано без права обміну: правила не дозволяють обмін. Запропонуйте повернення, якщо правила його дозволяють.',
  'ui.exchange.why.ticketStatus':
    'Обраний квиток уже використано, повернено чи обміняно: зніміть позначку, щоб обміняти інші.',
  'ui.exchange.why.started': 'Вистава вже почалася: її квитки більше не можна обміняти.',
  'ui.exchange.why.closed':
    'Обмін закривається за {hours} год до вистави: для цих квитків уже запізно.',
  'ui.exchange.why.noPerformance':
    'У продажу немає іншої вистави, на яку можна обміняти ці квитки.',
  'ui.exchange.sameEventOnly': 'Правила дозволяють лише вистави тієї ж події.',
  'ui.exchange.changeLabel': 'Решта',
  'ui.exchange.cashReceived': 'Отримано готівкою {amount}',
  'ui.amount.missing': '{field}: введіть суму, наприклад 1500 або 1500.50.',
  'ui.amount.missingZero':
    '{field}: введіть суму, наприклад 1500 або 1500.50 (введіть 0, якщо шухляда порожня).',
  'ui.amount.invalid':
    '{field}: це не сума. Введіть цифри з щонайбільше однією десятковою крапкою, наприклад 1500.50.',
  'ui.amount.tooLarge':
    '{field}: понад {max} — більше, ніж вміщує шухляда. Перевірте суму й введіть її ще раз.',
  'ui.shift.countLocked':
    'Підрахунок записано так, як ви ввели, і змінити його не можна: він сліпий. Додайте примітку, якщо просять, і закрийте зміну.',
  'ui.shift.noteNeeded':
    'Підрахунок не збігається з тим, що має бути в шухляді. Напишіть причину в полі «Примітка» й закрийте ще раз (може знадобитися підтвердження старшого касира).',
  'ui.shift.blindHint':
    'Сліпий підрахунок: перелічіть шухляду й введіть, скільки нарахували. Очікувану готівку буде видно в Z-звіті після закриття зміни.',
  'ui.shift.tasks': 'Дія з шухлядою',
  'ui.shift.task.movement': 'Внесення / виплата / інкасація',
  'ui.shift.task.noSale': 'Без продажу',
  'ui.shift.task.close': 'Закрити зміну',
  'ui.cash.noSaleTitle': 'Відкрити шухляду без продажу',
};
