import {
  Alert,
  Button,
  Center,
  Checkbox,
  List,
  Loader,
  PasswordInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type DemoSignIn, setupBody } from '../../../domain/setup';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { ShownOnce } from '../../components/ShownOnce';
import { applyProblem } from '../../lib/forms';
import { useFragmentToken } from '../../lib/fragment';
import { AuthLayout } from './AuthLayout';
import { MissingToken } from './MissingToken';
import { type Session, setupQuery, useEnterApp } from './session';

/** The API's setup body, less the token, which comes from the link. */
const setupForm = setupBody.omit({ token: true });

export function SetupPage() {
  const token = useFragmentToken();
  const queryClient = useQueryClient();
  const status = useQuery(setupQuery);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: {
      workspaceName: '',
      adminName: '',
      adminEmail: '',
      adminPassword: '',
      loadDemo: false,
    },
    validate: schemaResolver(setupForm, { sync: true }),
  });
  const enterApp = useEnterApp();
  // With demo data, a welcome screen shows the demo team's password (made for this load) once.
  const [welcome, setWelcome] = useState<{ session: Session; demo: DemoSignIn } | null>(null);
  const setup = useMutation({
    mutationFn: async (values: typeof form.values) =>
      unwrap(await api.POST('/api/v1/setup', { body: { ...values, token: token ?? '' } })),
    onSuccess: async ({ demo, ...session }) => {
      await queryClient.invalidateQueries({ queryKey: setupQuery.queryKey });
      if (demo) setWelcome({ session, demo });
      else await enterApp(session, { welcome: 'Your workspace is ready.' });
    },
    onError: (error) => setFailure(applyProblem(form, error)),
  });

  if (welcome) {
    return (
      <AuthLayout
        title="Your workspace is ready"
        intro="The demo data is loaded. Its team can sign in to show the app from their side."
      >
        <Stack>
          <ShownOnce
            title="The demo team's password"
            value={welcome.demo.password}
            note="Made for this workspace's demo team and shown only now: copy it before you go on."
            onDone={() => enterApp(welcome.session)}
          />
          <Text size="sm">The demo team signs in with it:</Text>
          <List size="sm" spacing={4}>
            {welcome.demo.members.map((member) => (
              <List.Item key={member.email}>
                {member.email} ({member.role})
              </List.Item>
            ))}
          </List>
          <Button onClick={() => enterApp(welcome.session)} fullWidth>
            Open Tandem
          </Button>
        </Stack>
      </AuthLayout>
    );
  }

  return (
    <AuthLayout
      title="Set up Tandem"
      intro="Name your workspace and create the first administrator account."
    >
      {status.isPending ? (
        <Center p="md">
          <Loader size="sm" aria-label="Checking whether Tandem is set up" />
        </Center>
      ) : status.data?.needed === false && setup.isIdle ? (
        // A used setup link: say so at once rather than after the form is filled in.
        <>
          <Alert color="blue" title="Tandem is already set up" role="status">
            This installation has its workspace. Sign in with your account, or ask its administrator
            for an invitation.
          </Alert>
          <AnchorLink to="/sign-in" size="sm" ta="center">
            Go to sign in
          </AnchorLink>
        </>
      ) : token ? (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            setFailure(null);
            setup.mutate(values);
          })}
        >
          <Stack>
            <ErrorAlert error={failure} title="Setup failed" />
            <TextInput
              label="Workspace name"
              description="Usually your organization's name"
              required
              key={form.key('workspaceName')}
              {...form.getInputProps('workspaceName')}
            />
            <TextInput
              label="Your name"
              autoComplete="name"
              required
              key={form.key('adminName')}
              {...form.getInputProps('adminName')}
            />
            <TextInput
              label="Your email"
              type="email"
              autoComplete="username"
              required
              key={form.key('adminEmail')}
              {...form.getInputProps('adminEmail')}
            />
            <PasswordInput
              label="Password"
              description="At least 10 characters"
              autoComplete="new-password"
              required
              key={form.key('adminPassword')}
              {...form.getInputProps('adminPassword')}
            />
            <Checkbox
              label="Load demo data"
              description="50 partners and 300 contacts to explore; the demo team gets a password made for this workspace, shown once when setup is done"
              key={form.key('loadDemo')}
              {...form.getInputProps('loadDemo', { type: 'checkbox' })}
            />
            <Button type="submit" loading={setup.isPending} fullWidth>
              Create workspace
            </Button>
          </Stack>
        </form>
      ) : (
        <MissingToken what="setup" />
      )}
    </AuthLayout>
  );
}
