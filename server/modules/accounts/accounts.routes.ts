import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorReply } from '../auth/auth.schemas.ts';
import { Account, AccountWithPassword, accountLabels, CreateAccountBody, ListAccountsQuery, ManagedSetBody, UpdateAccountBody } from './accounts.schemas.ts';
import type { AccountsService } from './accounts.service.ts';

const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply };

export const accountsRoutes: FastifyPluginAsyncTypebox<{ accounts: AccountsService }> = async (app, { accounts }) => {
  const config = { fieldLabels: accountLabels };

  app.get('/api/accounts', {
    schema: { tags: ['accounts'], summary: 'Tìm tài khoản mình quản lý / Search the accounts you manage', querystring: ListAccountsQuery, response: { 200: Type.Object({ items: Type.Array(Account), total: Type.Integer() }), ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.list(request.user!, request.query));

  app.post('/api/accounts', {
    schema: { tags: ['accounts'], summary: 'Tạo tài khoản (quản trị hệ thống) / Create an account (administrator)', body: CreateAccountBody, response: { 201: AccountWithPassword, ...errors } },
    config, preHandler: app.requireUser
  }, async (request, reply) => reply.code(201).send(await accounts.create(request.user!, request.body)));

  app.get('/api/accounts/:id', {
    schema: { tags: ['accounts'], summary: 'Một tài khoản / One account', params: Params, response: { 200: Account, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.get(request.user!, request.params.id));

  app.patch('/api/accounts/:id', {
    schema: { tags: ['accounts'], summary: 'Đổi họ tên, vai trò, đơn vị (mã định danh không đổi) / Change name, role, unit', params: Params, body: UpdateAccountBody, response: { 200: Account, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.update(request.user!, request.params.id, request.body));

  app.post('/api/accounts/:id/reset-password', {
    schema: { tags: ['accounts'], summary: 'Đặt lại mật khẩu: mật khẩu tạm, phải đổi khi đăng nhập / Reset the password', params: Params, response: { 200: AccountWithPassword, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.resetPassword(request.user!, request.params.id));

  app.post('/api/accounts/:id/disable', {
    schema: { tags: ['accounts'], summary: 'Khóa tài khoản (thu hồi mọi phiên) / Disable (revokes sessions)', params: Params, response: { 200: Account, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.setDisabled(request.user!, request.params.id, true));

  app.post('/api/accounts/:id/enable', {
    schema: { tags: ['accounts'], summary: 'Mở lại tài khoản / Enable', params: Params, response: { 200: Account, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.setDisabled(request.user!, request.params.id, false));

  app.post('/api/accounts/:id/unlock', {
    schema: { tags: ['accounts'], summary: 'Mở khóa sau khi nhập sai mật khẩu / Unlock after failed logins', params: Params, response: { 200: Account, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.unlock(request.user!, request.params.id));

  app.put('/api/accounts/:id/managed-accounts', {
    schema: { tags: ['accounts'], summary: 'Các tài khoản giao cho người quản lý người dùng (quản trị) / Accounts a user manager manages', params: Params, body: ManagedSetBody, response: { 200: Account, ...errors } },
    config, preHandler: app.requireUser
  }, async (request) => accounts.setManaged(request.user!, request.params.id, request.body.accountIds));
};
