import { Button, Checkbox, Stack, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';

type Props = {
  /** Whom the signer signs for: "I confirm I am authorised to sign for …". */
  organization: string;
  signerName: string;
  /** Why the last attempt was refused, shown above the fields. */
  error: string | null;
  pending: boolean;
  /** False while what is signed is not there to read yet. */
  ready?: boolean;
  onSign: (typedName: string) => void;
  /** What comes first inside the form (a heading, the text signed). */
  children?: ReactNode;
};

/**
 * What signing asks of every signer, wherever they sign (in the app, by link, in the portal):
 * their authority confirmed and their name typed; the server checks both again.
 */
export function SignatureForm({
  organization,
  signerName,
  error,
  pending,
  ready = true,
  onSign,
  children,
}: Props) {
  const [confirmed, setConfirmed] = useState(false);
  const [typedName, setTypedName] = useState('');
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSign(typedName);
      }}
    >
      <Stack gap="sm">
        {children}
        <ErrorAlert error={error} title="Not signed" />
        <Checkbox
          label={`I confirm I am authorised to sign for ${organization}`}
          checked={confirmed}
          onChange={(event) => setConfirmed(event.currentTarget.checked)}
        />
        <TextInput
          label="Type your name to sign"
          description={`As the agreement names you: ${signerName}`}
          autoComplete="name"
          required
          value={typedName}
          onChange={(event) => setTypedName(event.currentTarget.value)}
        />
        <Button
          type="submit"
          disabled={!confirmed || typedName.trim() === '' || !ready}
          loading={pending}
        >
          Sign
        </Button>
      </Stack>
    </form>
  );
}
