/**
 * buildApp: the whole server without listening (tests use it with a throw-away database).
 * Wires modules route → service → repository, the broker and the outbox relay.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import type { Secrets } from './secrets.ts';
import { BrokerHost } from '../broker/broker-host.ts';
import { registerErrorHandlers } from './http/error-handler.ts';
import { registerWeb } from './http/web.ts';
import { createOutboxRelay } from './jobs/outbox-relay.ts';
import { createDeadlineWatch, type DeadlineWatch } from './jobs/deadline-watch.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authPlugin } from './modules/auth/auth.plugin.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import type { ThrottlePolicy } from './modules/auth/login-throttle.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { createOutboxRepository } from './modules/outbox/outbox.repository.ts';
import { createFieldCipherFromEnv } from './crypto/field-cipher.ts';
import { createPartiesService } from './modules/parties/parties.service.ts';
import { PARTY_REDACT_CENSOR, PARTY_REDACT_PATHS } from './modules/parties/redact.ts';
import { partiesRoutes } from './modules/parties/parties.routes.ts';
import { petitionsRoutes } from './modules/petitions/petitions.routes.ts';
import { createDuplicateCheckService } from './modules/petitions/duplicate-check.service.ts';
import { attachmentsRoutes, createAttachmentsService } from './modules/petitions/attachments.ts';
import { createFileStore } from './storage/file-store.ts';
import { documentsRoutes } from './modules/documents/documents.routes.ts';
import { createDocumentsService } from './modules/documents/documents.service.ts';
import { lookupRoutes } from './modules/lookup/lookup.routes.ts';
import { createReceptionModule, receptionRoutes } from './modules/reception/reception.module.ts';
import { createLookupService } from './modules/lookup/lookup.service.ts';
import { createProcedureService } from './modules/petitions/petition-procedure.service.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { createCalendarService } from './modules/calendar/calendar.service.ts';
import { createPetitionsService } from './modules/petitions/petitions.service.ts';
import { realtimeRoutes } from './modules/realtime/realtime.routes.ts';
import { createRealtimeService } from './modules/realtime/realtime.service.ts';
import { unitsRoutes } from './modules/units/units.routes.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { createAccountsService } from './modules/accounts/accounts.service.ts';
import { createCommandArea } from './modules/command/command.area.ts';
import { commandRoutes } from './modules/command/command.routes.ts';
import { directivesRoutes } from './modules/directives/directives.routes.ts';
import { reportsRoutes } from './modules/reports/reports.routes.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { createReportSubscriptions } from './modules/reports/subscriptions.ts';
import { createReportSchedule, type ReportSchedule } from './jobs/report-schedule.ts';
import { createDirectivesService } from './modules/directives/directives.service.ts';
import { createNotificationsService } from './modules/notifications/notifications.service.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { createNotificationFeed } from './modules/notifications/notifications.feed.ts';
import { createPushService } from './modules/push/push.service.ts';
import { pushRoutes } from './modules/push/push.routes.ts';
import { createPushDispatch } from './modules/push/push.dispatch.ts';
import webpush from 'web-push';

export interface AppOptions {
  config: Readonly<Config>;
  secrets: Secrets;
  database: Database;
  /** Connection string of `database`, for the relay's LISTEN connection. */
  databaseUrl: string;
  /** Serve the built web app from build/ when present (default true). */
  serveWeb?: boolean;
  logger?: boolean | Record<string, unknown>;
  /** HTTPS material (read from config.tls by main.ts); with a CA the server asks for client certificates. */
  https?: { key: Buffer; cert: Buffer; ca?: Buffer };
  /** HTTPS agent for web-push (tests trust their local push service through it). */
  pushAgent?: import('node:https').Agent;
  /** Public look-up rate per address (tests lower it to reach the limit quickly). */
  lookupRate?: { max: number; timeWindow: number };
  /** Lock-out policy (tests turn the growing delays off to count to the lock quickly). */
  loginThrottle?: ThrottlePolicy;
}

export interface RouteSummary {
  method: string;
  url: string;
  hidden: boolean;
}

export interface App {
  fastify: FastifyInstance;
  config: Readonly<Config>;
  routes: readonly RouteSummary[];
  broker: BrokerHost;
  relay: ReturnType<typeof createOutboxRelay>;
  /** Marks open steps due soon / overdue; tests call runOnce() instead of waiting for the timer. */
  deadlines: DeadlineWatch;
  /** Generates due scheduled reports; tests call runOnce(). */
  reportSchedule: ReportSchedule;
  /** Listen on config.port/host (0 = any free port); returns the base URL. */
  listen: () => Promise<string>;
  close: () => Promise<void>;
}

/** Never in logs: session cookies, and citizens' personal data (a denouncer's identity above all). */
export const LOG_REDACT_PATHS: readonly string[] = ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', ...PARTY_REDACT_PATHS];

export async function buildApp(options: AppOptions): Promise<App> {
  const { config, secrets, database } = options;
  const app = Fastify({
    // Whatever logger a caller configures, the redaction of sessions and personal data stays on.
    logger:
      options.logger === false
        ? false
        : { level: config.logLevel, ...(typeof options.logger === 'object' ? options.logger : {}), redact: { paths: [...LOG_REDACT_PATHS], censor: PARTY_REDACT_CENSOR } },
    bodyLimit: 1024 * 1024,
    // A client certificate is asked for but not required: password login stays open to everyone.
    ...(options.https ? { https: { ...options.https, requestCert: options.https.ca !== undefined, rejectUnauthorized: false } } : {}),
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: 'array', useDefaults: true } }
  });
  registerErrorHandlers(app);
  // Every route, so tests can hold the OpenAPI document to the routes that really exist.
  const routes: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method: String(method), url: route.url, hidden: route.schema?.hide === true });
  });

  const cipher = createFieldCipherFromEnv(secrets.dataKey);
  const auth = createAuthService({
    db: database.db,
    cipher,
    sessionTtlMinutes: config.sessionTtlMinutes,
    sessionIdleMinutes: config.sessionIdleMinutes,
    throttle: options.loginThrottle
  });
  const realtime = createRealtimeService({ auth, outbox: createOutboxRepository(database.db), tokenKey: secrets.tokenKey });
  const parties = createPartiesService({ db: database.db, cipher });
  const calendar = createCalendarService(database.db);
  const petitions = createPetitionsService({ db: database.db, parties, calendar });
  const procedure = createProcedureService({ db: database.db, calendar });
  const duplicates = createDuplicateCheckService({ db: database.db, parties });
  const files = createFileStore(config.dataDir);
  const attachments = createAttachmentsService({ db: database.db, files });
  const documents = createDocumentsService({ db: database.db, publicUrl: config.publicUrl });
  const lookup = createLookupService({ db: database.db, parties });
  const reception = createReceptionModule({ db: database.db, cipher, petitions, calendar });

  const broker = new BrokerHost({
    verifyToken: (token) => realtime.verifyForBroker(token),
    tcpPort: config.mqttPort,
    host: config.host,
    log: app.log
  });
  const relay = createOutboxRelay({ pool: database.pool, databaseUrl: options.databaseUrl, publisher: broker, log: app.log });
  const command = createCommandArea({ db: database.db, calendar, auth, relay, broker, sessionTtlMinutes: config.sessionTtlMinutes, log: app.log });
  // Alerts are created in the transaction of their change; the feed makes those of petition events.
  const notifications = createNotificationsService({ db: database.db, directivesAwaitingAcknowledgement: (user) => directives.countAwaitingAcknowledgement(user) });
  const push = createPushService({
    db: database.db,
    vapid: secrets.vapid ?? webpush.generateVAPIDKeys(),
    subject: config.pushSubject,
    isOnline: (userId) => broker.hasLiveClient(userId),
    wantPush: (userIds, kind, urgent) => notifications.wantPush(userIds, kind, urgent),
    log: app.log,
    agent: options.pushAgent
  });
  const directives = createDirectivesService({ db: database.db, notifications, files });
  const reports = createReportsService({ db: database.db, cutoffDay: config.reportCutoffDay });
  const reportSchedule = createReportSchedule({ db: database.db, reports, files, notifications, log: app.log });
  const alertFeed = createNotificationFeed({ db: database.db, notifications, relay, log: app.log });
  const pushDispatch = createPushDispatch({ db: database.db, push, relay, log: app.log });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Đơn Thư API',
        description: 'API của hệ thống Đơn Thư (tiếp nhận, xử lý đơn thư; thời gian thực qua MQTT tại /mqtt). / Đơn Thư petition API.',
        version: '0.1.0'
      },
      tags: [
        { name: 'auth', description: 'Đăng nhập / Authentication' },
        { name: 'petitions', description: 'Đơn thư / Petitions' },
        { name: 'units', description: 'Đơn vị / Units' },
        { name: 'accounts', description: 'Quản trị tài khoản / Account administration' },
        { name: 'audit', description: 'Nhật ký kiểm toán / Audit log' },
        { name: 'calendar', description: 'Lịch làm việc, thời hạn / Working calendar and time limits' },
        { name: 'realtime', description: 'Thời gian thực / Realtime' },
        { name: 'public', description: 'Tra cứu công khai cho công dân / Public look-up for citizens' },
        { name: 'reports', description: 'Báo cáo thống kê / Statistical reports' },
        { name: 'directives', description: 'Chỉ đạo và luồng trao đổi / Directives and their threads' },
        { name: 'notifications', description: 'Thông báo, việc chờ xử lý, thông báo đẩy / Alerts, login summary, web-push' },
        { name: 'command', description: 'Trung tâm chỉ huy, màn hình chỉ huy / Command centre, wall screens' },
        { name: 'reception', description: 'Tiếp công dân, sổ tiếp công dân / Citizen reception and its book' },
        { name: 'system', description: 'Hệ thống / System' }
      ]
    }
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 256 * 1024, perMessageDeflate: false } });
  await app.register(authPlugin, { auth });

  app.get('/mqtt', { websocket: true, schema: { hide: true } }, (socket, request) => {
    broker.handleWebSocket(socket, request.raw);
  });
  await app.register(healthRoutes, { pool: database.pool, broker });
  await app.register(authRoutes, { auth });
  await app.register(unitsRoutes, { db: database.db });
  await app.register(accountsRoutes, { accounts: createAccountsService({ db: database.db }) });
  await app.register(auditRoutes, { db: database.db });
  await app.register(petitionsRoutes, { petitions, procedure, duplicates });
  await app.register(calendarRoutes, { calendar });
  await app.register(attachmentsRoutes, { attachments });
  await app.register(partiesRoutes, { parties });
  await app.register(documentsRoutes, { documents });
  await app.register(lookupRoutes, { lookup, rate: options.lookupRate });
  await app.register(receptionRoutes, reception);
  await app.register(realtimeRoutes, { realtime });
  await app.register(commandRoutes, { command });
  await app.register(directivesRoutes, { directives });
  await app.register(notificationsRoutes, { notifications });
  await app.register(pushRoutes, { push });
  await app.register(reportsRoutes, { reports, subscriptions: createReportSubscriptions({ db: database.db, files }) });
  if (options.serveWeb !== false) await registerWeb(app);
  else await registerWeb(app, '/nonexistent');

  await broker.start();
  await relay.start();
  alertFeed.start();
  pushDispatch.start();
  const deadlines = createDeadlineWatch({ db: database.db, calendar, dueSoonWorkingDays: config.dueSoonWorkingDays, intervalSeconds: config.deadlineWatchSeconds, log: app.log });
  deadlines.start();
  reportSchedule.start();

  return {
    fastify: app,
    config,
    routes,
    broker,
    relay,
    deadlines,
    reportSchedule,
    async listen() {
      return app.listen({ port: config.port, host: config.host });
    },
    async close() {
      await app.close(); // HTTP and WebSocket clients first: no new changes come in
      await deadlines.stop();
      await reportSchedule.stop();
      await relay.stop();
      await alertFeed.stop();
      await pushDispatch.stop();
      await broker.stop();
    }
  };
}
